Console.WriteLine("SlackFeedbackBot");
