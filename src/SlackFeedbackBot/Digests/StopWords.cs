namespace SlackFeedbackBot.Digests;

/// <summary>English function words and chat filler that say nothing about what a customer asked for.
/// Contractions appear without their apostrophe, as <see cref="FeedbackTextNormalizer"/> writes them.</summary>
public static class StopWords
{
    public static readonly IReadOnlySet<string> English = new HashSet<string>(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "anyone", "anything",
        "anyway", "are", "arent", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
        "but", "by", "can", "cannot", "cant", "could", "couldnt", "did", "didnt", "do", "does", "doesnt", "doing", "dont",
        "down", "during", "each", "either", "else", "even", "ever", "every", "few", "for", "from", "further", "get",
        "gets", "getting", "got", "had", "hadnt", "has", "hasnt", "have", "havent", "having", "he", "hed", "hell", "her",
        "here", "hers", "herself", "hes", "hey", "hi", "hello", "him", "himself", "his", "how", "hows", "i", "id", "if",
        "ill", "im", "in", "into", "is", "isnt", "it", "its", "itself", "ive", "just", "let", "lets", "like", "me",
        "maybe", "more", "most", "much", "must", "my", "myself", "need", "no", "nor", "not", "now", "of", "off", "ok",
        "okay", "on", "once", "one", "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own",
        "please", "pls", "plz", "really", "same", "shall", "she", "shed", "shell", "shes", "should", "shouldnt", "so",
        "some", "someone", "something", "still", "such", "sure", "than", "thank", "thanks", "thx", "that", "thats",
        "the", "their", "theirs", "them", "themselves", "then", "there", "theres", "these", "they", "theyd", "theyll",
        "theyre", "theyve", "thing", "things", "this", "those", "through", "to", "too", "u", "ur", "under", "until",
        "up", "us", "very", "via", "want", "wanted", "wants", "was", "wasnt", "way", "we", "wed", "well", "were",
        "werent", "weve", "what", "whats", "when", "whens", "where", "wheres", "whether", "which", "while", "who",
        "whom", "whos", "why", "whys", "will", "with", "wont", "would", "wouldnt", "ya", "yeah", "yes", "yet", "you",
        "youd", "youll", "your", "youre", "yours", "yourself", "yourselves", "youve", "guys", "folks", "team", "lol",
    };
}
