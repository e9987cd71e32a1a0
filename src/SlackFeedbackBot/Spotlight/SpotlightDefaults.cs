namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// The built-in rules, written from the Spotlight framework: classify by how a customer asks, not by the subject.
/// Within a bucket the first phrase that matches is the one reported, so the framework's own wording comes first.
/// Negative patterns catch phrasings that look like the bucket but are something else (a bug report, a request
/// to the support team, small talk).
/// </summary>
public static class SpotlightDefaults
{
    /// <summary>Fresh copies each call, so no caller can change the defaults for another.</summary>
    public static IReadOnlyList<SpotlightBucketOptions> CreateBuckets() =>
    [
        new()
        {
            Id = SpotlightBuckets.Positioning,
            DisplayName = "Positioning",
            Description = "They doubt the product is meant for them, or their picture of it is off. "
                + "If they are the target customer, the positioning is wrong.",
            Phrases =
            [
                "i'm probably not your target customer",
                "not your (target|ideal|typical|usual|intended) (customer|customers|user|users|audience|market|buyer|client)",
                "i'm sure i'm wrong",
                "(i'm|i may be|i might be|i could be|maybe i'm) (probably|totally|completely|) wrong (about|but|here|on)",
                "i thought (this|it|you|your|the|that) ... (was|were|would|did|could|is|only|just)",
                "maybe this isn't for (me|us)",
                "(not sure|unsure|wondering) (if|whether|) (this|it) (is|would be) (really|even|) (for|meant for|right for) (me|us)",
                "(this|it) (isn't|is not|wasn't|was not|might not be|may not be|probably isn't|is probably not|doesn't seem) (really|) (for|meant for|built for|designed for|made for|aimed at) (me|us|people|teams|companies|someone|folks|small|non|a|an)",
                "(is|was) (this|it) (really|only|just|even|mostly|actually|) (meant|built|designed|made|aimed|intended) (for|at)",
                "(is|was) (this|it) (only|just|mostly|really) for",
                "(someone|people|folks|teams|companies|shops|businesses|orgs|users) like (me|us|ours|mine)",
                "(right|good) fit",
                "(we're|we are|i'm|i am|are we|am i) (probably|maybe|way|just|) (too small|too big|too early|not big enough|not technical enough)",
                "i'm not (a|an|very|really|that|super|) (developer|engineer|technical|techie|programmer|coder|designer|it person)",
                "under the impression",
                "i had the impression",
                "i assumed (this|it|you|your|the)",
                "(didn't|did not) (realize|realise|expect) (this|it|you|your) ... (was|were|is|are|would be) (only|just|mostly|meant|built|designed|for)",
                "(seems|looks|feels) ... (geared|aimed|meant|built|designed|made) (towards|toward|at|for)",
                "(seems|looks|feels) (like it's|like this is|like you're|) (more|mostly|only|really|just) for",
                "(am i|are we) (the|your) (target|intended|right) (customer|user|audience|market)",
            ],
            NegativePatterns =
            [
                // "I thought this was fixed" reports a regression, not a wrong picture of the product.
                "thought ... (was|were|had been|would be|is) (fixed|resolved|sorted|deployed|shipped|released|working|down|back)",
            ],
        },
        new()
        {
            Id = SpotlightBuckets.UserExperience,
            DisplayName = "User experience",
            Description = "They know it is possible and cannot get it done: a UX problem to fix in the product.",
            Phrases =
            [
                "how do i",
                "how (can|could|would|should|do) (i|we|one)",
                "what do i do (when|if|after|about|with|now|next)",
                "what (should|can|do|would) (i|we) do (when|if|after|about|with|now|next)",
                "(can|could|would) (you|someone|anyone|somebody) (show|tell|explain|walk) (me|us) (how|where|through)",
                "(show|walk) (me|us) (how|through)",
                "how to",
                "how (am|are) (i|we) supposed to",
                "how do you",
                "how (does|do) ... work",
                "where (do|can|would|should) (i|we) (find|see|change|set|get|go|turn|add|put|edit|manage|click|enable|disable|configure|update)",
                "where (is|are) the ... (button|setting|settings|option|options|menu|page|tab|toggle|link|field|switch)",
                "(can't|couldn't|unable to|cannot seem to|can't seem to) (figure out|work out|find|locate)",
                "(can't|couldn't) get (it|this|the|my|our) ... to (work|show|appear|sync|connect|load|save)",
                "figure out (how|where|why)",
                "not sure (how|where) (to|i|we|do)",
                "(don't|do not|doesn't|does not|didn't|did not) (know|understand|get|see) (how|where|what to|which)",
                "(anyone|somebody|someone) know how",
                "(i'm|we're|they're|i am|we are|is|are|was|were|keep|keeps|got|get|gets|getting) (stuck|lost|confused)",
                "(what's|what is) the (best|right|easiest|correct|proper|quickest|recommended) way to",
                "what am i (doing wrong|missing)",
                "(it's|it is|this is|that's|so|really|super|pretty|very|bit|little|kind of|kinda) confusing",
                "(hard|difficult|impossible|tricky) to (find|figure out|understand|use|navigate|set up|get to)",
                "help me (understand|figure out|set up|find|get)",
                "what are the steps to",
            ],
            NegativePatterns =
            [
                "how (are|is) (you|everyone|everybody|things|it going)",
                "how's it going",
                "how do you (do|feel|know|compare)",
                "(how|steps) to (reproduce|repro)",
            ],
        },
        new()
        {
            Id = SpotlightBuckets.ProductMarketing,
            DisplayName = "Product marketing",
            Description = "They do not know whether it is possible: they were not educated along sign-up, "
                + "getting started or the features page.",
            Phrases =
            [
                "can you",
                "can (i|we)",
                "do you support",
                "is it possible",
                "(does|do) (it|this|that|your|the) ... (integrate|work|connect|sync|play) with",
                "(can|could) (it|they|this|that|these|those|the|your|our|my|a|an)",
                "could (you|i|we)",
                "do (you|you guys|you all|y'all) (support|have|offer|integrate|allow|provide|plan|work with|do)",
                "does (it|this|your|the) ... (support|integrate|offer|sync|connect|handle|allow|let|have|include|come with)",
                "is there (a|an|any) ... (way|option|setting|integration|api|plugin|app|feature|template|add on|extension|version|plan|discount)",
                "(would|will) it be possible",
                "(are|r) (you|you guys) (able|planning|going) to",
                "any (plans|plan|chance|roadmap|news) (to|for|of|on)",
                "(will|would) (you|it|this) (support|integrate|work with|be able|ever|have|offer|add)",
                "(is|are) ... (supported|available)",
                "(anyone|anybody) know (if|whether)",
                "(wonder|wondering|curious) (if|whether)",
                "(didn't|did not|never) (know|knew|realized|realised) (you|it|this|your|we) ... (could|can|did|does|had|has|have|supported|supports|offer|offered)",
                "no idea (you|it|this|your|we) ... (could|can|did|does|had|has|have|supported|supports|offer|offered)",
            ],
            NegativePatterns =
            [
                "can (you|i) (believe|just say|hear)",
                "(can|could) (you|someone|anyone) (please|) (fix|look into|look at|take a look|check|reset|resend|send me|refund|cancel|unlock|restore|investigate|escalate|confirm|help|let me know|keep me posted|update me|add me|remove me)",
                "can (i|we) (get|have) (a|my|our) (refund|receipt|invoice|copy of)",
            ],
        },
    ];
}
