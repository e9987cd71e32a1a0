using SlackFeedbackBot.Cli;

// SlackFeedbackBot: `run` (the default) starts the bot; the other commands work on its database.
return await BotCommandLine.Create().Parse(args).InvokeAsync();
