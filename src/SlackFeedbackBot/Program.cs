using SlackFeedbackBot.Cli;

// SlackFeedbackBot: `run` (the default) starts the bot; the other commands work on its database.
return await BotCli.RunAsync(args, BotConsole.OfThisProcess());
