using System.Text.Json;
using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator.BlockKit;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Dispatch;

namespace SlackFeedbackBot.Tests.Emulator;

/// <summary>
/// The bot's Block Kit builders, pushed to their limits, produce what the emulator's independent Slack rules accept:
/// texts far too long, too many fields, elements, options and blocks, empty texts.
/// </summary>
public sealed class BotBlockKitTests
{
    private static readonly string Huge = new('x', 5000);

    private static IReadOnlyList<string> Check(SlackMessage message) =>
        BlockKitValidator.MessageBlocks(JsonSerializer.SerializeToNode(message.Blocks, SlackJson.Options)!.AsArray());

    [Test]
    public void AnOversizedMessageIsBuiltWithinSlacksRules()
    {
        var builder = new MessageBuilder()
            .Header(Huge)
            .Section(Huge, new ButtonElement(Huge, "more", value: "v", style: ButtonStyle.Danger))
            .Section("", new ImageElement("https://example.com/a.png", Huge))
            .Section("   ")
            .Fields([.. Enumerable.Range(0, 23).Select(i => i % 2 == 0 ? Huge : "")], text: Huge)
            .Context([.. Enumerable.Range(0, 14).Select(_ => Huge)])
            .Context()
            .Actions([.. Enumerable.Range(0, 30).Select(i => (IActionElement)new ButtonElement($"b{i}", $"b{i}"))])
            .Actions(
                new StaticSelectElement("pick", [.. Enumerable.Range(0, 100).Select(i => new SelectOption(Huge, $"v{i}"))], placeholder: Huge),
                new UsersSelectElement("who", placeholder: Huge),
                new DatePickerElement("day", new DateOnly(2025, 1, 31), Huge))
            .Image("https://example.com/chart.png", Huge, Huge)
            .Divider();
        for (var i = 0; i < 60; i++) builder.Section($"line {i}");

        Assert.That(Check(builder.Build()), Is.Empty);
    }

    [Test]
    public void AnOversizedModalAndItsSubmissionAckAreWithinSlacksRules()
    {
        var modal = new ModalBuilder(Huge).Close(Huge).CallbackId("cb").PrivateMetadata(new string('m', 3000))
            .Input(Huge, new PlainTextInputElement("text", multiline: true, initialValue: Huge, placeholder: Huge, maxLength: 3000), "text_block", hint: Huge)
            .Input("Pick", new StaticSelectElement("s", [new SelectOption("a", "a"), new SelectOption("b", "b")], new SelectOption("b", "b")), "select_block", optional: true)
            .Input("Who", new UsersSelectElement("u", "U0ANA00001"), "user_block")
            .Input("When", new DatePickerElement("d"), "date_block");
        for (var i = 0; i < 120; i++) modal.Section($"line {i}");
        var view = SlackViewJson.Modal(modal.Build());

        var submitted = (JsonObject)view.DeepClone();
        var errors = SlackViewJson.SubmissionAck(ViewSubmissionResponse.WithErrors(new Dictionary<string, string> { ["text_block"] = "Please write something." }));
        var update = SlackViewJson.SubmissionAck(ViewSubmissionResponse.Update(new ModalBuilder("Saved").Close("Done").Section("Thanks").Build()));

        Assert.That(BlockKitValidator.View(view, "modal"), Is.Empty);
        Assert.That(BlockKitValidator.SubmissionAck(errors, submitted), Is.Empty);
        Assert.That(BlockKitValidator.SubmissionAck(update, submitted), Is.Empty);
    }

    [Test]
    public void AnOversizedHomeTabIsWithinSlacksRules()
    {
        var blocks = Enumerable.Range(0, 150).Select(i => (Block)new SectionBlock(i == 0 ? Huge : $"line {i}")).ToList();

        Assert.That(BlockKitValidator.View(SlackViewJson.Home(blocks), "home"), Is.Empty);
    }
}
