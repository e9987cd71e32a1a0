namespace SlackFeedbackBot.Emulator.Workspace;

/// <summary>Fixed identities of the emulated app and the seeded workspace, so tests and docs can name them.</summary>
public static class EmulatorIds
{
    public const string TeamId = "T0EMU00001";
    public const string TeamDomain = "emulated-workspace";
    public const string AppId = "A0EMU00001";
    public const string BotId = "B0EMU00001";
    public const string BotUserId = "U0EMUB0T01";
    public const string BotUserName = "feedback-bot";

    /// <summary>The single human of the minimal workspace (Europe/Dublin).</summary>
    public const string DefaultUserId = "U0DEFAULT1";
    public const string GeneralChannelId = "C0GENERAL1";

    public const string CustomerFeedbackChannelId = "C0FEEDBK01";
    public const string SupportChannelId = "C0SUPPORT1";
    public const string LeadsChannelId = "G0LEADS001";
    public const string SupportNowGroupId = "S0SUPNOW01";
}

public static class WorkspaceSeeder
{
    public static void AddBot(SlackWorkspace workspace) =>
        workspace.AddUser(new WorkspaceUser(EmulatorIds.BotUserId, EmulatorIds.BotUserName, "Feedback Bot", "America/Los_Angeles", IsBot: true, BotId: EmulatorIds.BotId));

    /// <summary>The bot, one user (<see cref="EmulatorIds.DefaultUserId"/>, "dev") and #general with both in it.</summary>
    public static void SeedMinimal(SlackWorkspace workspace)
    {
        AddBot(workspace);
        workspace.AddUser(EmulatorIds.DefaultUserId, "dev", "Dev Eloper", "Europe/Dublin");
        workspace.AddChannel(EmulatorIds.GeneralChannelId, "general", false, [EmulatorIds.DefaultUserId, EmulatorIds.BotUserId]);
    }

    /// <summary>Six people spread over the world, the feedback and support channels, and the @support-now group.</summary>
    public static void SeedDemo(SlackWorkspace workspace)
    {
        AddBot(workspace);
        string[] people =
        [
            workspace.AddUser("U0ANA00001", "ana", "Ana Ortiz", "America/New_York").Id,
            workspace.AddUser("U0BEN00002", "ben", "Ben Carter", "America/Los_Angeles").Id,
            workspace.AddUser("U0CIARA003", "ciara", "Ciara Byrne", "Europe/Dublin").Id,
            workspace.AddUser("U0DIETER04", "dieter", "Dieter Wolf", "Europe/Berlin").Id,
            workspace.AddUser("U0PRIYA005", "priya", "Priya Nair", "Asia/Kolkata").Id,
            workspace.AddUser("U0SAM00006", "sam", "Sam Taylor", "Australia/Sydney").Id,
        ];
        string[] everyone = [.. people, EmulatorIds.BotUserId];
        workspace.AddChannel(EmulatorIds.GeneralChannelId, "general", false, everyone);
        workspace.AddChannel(EmulatorIds.CustomerFeedbackChannelId, "customer-feedback", false, everyone);
        workspace.AddChannel(EmulatorIds.SupportChannelId, "support", false, everyone);
        workspace.AddChannel(EmulatorIds.LeadsChannelId, "leads", true, [people[0], people[3]]);
        workspace.AddUserGroup(EmulatorIds.SupportNowGroupId, "support-now", "Support now", [people[0]]);
    }
}
