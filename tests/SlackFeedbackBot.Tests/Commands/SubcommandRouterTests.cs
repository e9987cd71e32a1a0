using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Tests.Commands;

/// <summary>The router on its own, with small subcommands that record what they were given.</summary>
public sealed class SubcommandRouterTests
{
    private static readonly SlashCommand Command = new() { Command = "/team", UserId = "U1", Text = "" };

    private Recording _ping = null!;
    private Recording _move = null!;

    [SetUp]
    public void SetUp()
    {
        _ping = new Recording("ping", "`/team ping`: are you there?", a => a.Length == 0, "pong");
        _move = new Recording("move", "`/team move <#channel> key=value`: move the team", a => a.Length > 0, "moved", "mv");
    }

    private SubcommandRouter Router() => new("/team", [_ping, _move]);

    [TestCase("ping", "pong")]
    [TestCase("PING", "pong")]
    [TestCase("  Ping  ", "pong")]
    [TestCase("move somewhere", "moved")]
    [TestCase("MV somewhere", "moved")]
    public async Task Routes_ByNameOrAlias_InAnyCase_WhenTheArgumentsFit(string text, string answer)
    {
        var route = Router().Route(text);

        Assert.That(route, Is.Not.Null);
        Assert.That((await route!.Run(Command, CancellationToken.None))!.Text, Is.EqualTo(answer));
    }

    [TestCase("ping me now")]
    [TestCase("move")]
    [TestCase("pingpong")]
    [TestCase("")]
    [TestCase("hello there")]
    public void ArgumentsThatDoNotFit_OrNoSubcommandWord_AreNotRouted(string text) =>
        Assert.That(Router().Route(text), Is.Null);

    [Test]
    public void ArgumentText_IsPassedOnExactlyAsTyped()
    {
        const string arguments = "<#C0123|support>  people=2 members=<@U1|ann>,<@U2>";

        Router().Route("move " + arguments);

        Assert.That(_move.Seen, Is.EqualTo(new[] { arguments }));
    }

    [Test]
    public void TwoSubcommandsWithOneWord_AreRefusedAtStart() =>
        Assert.That(() => new SubcommandRouter("/team", [_ping, new Recording("pong", "", _ => true, "", "ping")]),
            Throws.InvalidOperationException.With.Message.Contains("`/team ping`"));

    [TestCase("ping", "ping")]
    [TestCase("pign", "ping")]
    [TestCase("mvoe", "move")]
    [TestCase("mo", "move")]
    [TestCase("MOV", "move")]
    [TestCase("frobnicate", null)]
    [TestCase("x", null)]
    public void Closest_IsTheNamedOne_ElseAPrefix_ElseATypoAway(string word, string? expected) =>
        Assert.That(Router().Closest(word)?.Name, Is.EqualTo(expected));

    [Test]
    public void NotUnderstood_NamesTheClosestSubcommand_WithItsUsage_AndGivesTheTextBack()
    {
        var answer = Router().NotUnderstood("mvoe <#C0123|support> <@U1|ann> ```now```");

        Assert.That(answer.ResponseType, Is.EqualTo("ephemeral"));
        Assert.That(answer.Text, Does.Contain("I don't know `/team mvoe`. Did you mean `move`?\n`/team move <#channel> key=value`: move the team"));
        Assert.That(answer.Text, Does.EndWith("```/team mvoe #support @ann \u02cb\u02cb\u02cbnow\u02cb\u02cb\u02cb```"), "shown as typed, pinging nobody, inside one code block");
    }

    [Test]
    public void NotUnderstood_ForASubcommandWhoseArgumentsDoNotFit_ShowsItsUsage()
    {
        var answer = Router().NotUnderstood("ping everyone now");

        Assert.That(answer.Text, Does.StartWith("`/team ping` doesn't take that. It works like this:\n`/team ping`: are you there?"));
        Assert.That(answer.Text, Does.EndWith("```/team ping everyone now```"));
    }

    [Test]
    public void NotUnderstood_WithNothingClose_ListsEverySubcommand() =>
        Assert.That(Router().NotUnderstood("frobnicate").Text,
            Does.Contain("I don't know `/team frobnicate`. Commands:\n• `/team ping`: are you there?\n• `/team move"));

    private sealed class Recording(string name, string usage, Func<string, bool> fits, string answer, params string[] aliases) : Subcommand<RawArguments>
    {
        public List<string> Seen { get; } = [];

        public override string Name => name;

        public override IReadOnlyList<string> Aliases => aliases;

        public override string Usage => usage;

        public override RawArguments? TryParse(string arguments)
        {
            Seen.Add(arguments);
            return fits(arguments) ? RawArguments.From(arguments) : null;
        }

        public override Task<SlackMessage?> RunAsync(SlashCommand command, RawArguments arguments, CancellationToken ct) =>
            Task.FromResult<SlackMessage?>(SlackMessage.Ephemeral(answer));
    }
}
