using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator.BlockKit;
using static SlackFeedbackBot.Tests.Emulator.BlockKitPayloads;

namespace SlackFeedbackBot.Tests.Emulator;

/// <summary>The emulator refuses what Slack refuses, with Slack's reason and the JSON pointer of the offending value.</summary>
public sealed class BlockKitValidatorTests
{
    private static IReadOnlyList<string> Message(params JsonNode[] blocks) => BlockKitValidator.MessageBlocks(Blocks(blocks));

    [Test]
    public void AHeaderWithAStringTextIsRefused() =>
        Assert.That(Message(new JsonObject { ["type"] = "header", ["text"] = "Weekly digest" }),
            Is.EqualTo(new[] { "must provide an object [json-pointer:/blocks/0/text]" }));

    [Test]
    public void ATextObjectOfAnUnknownTypeIsRefused() =>
        Assert.That(Message(new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "plain_txt", ["text"] = "Hi" } }),
            Is.EqualTo(new[] { "unsupported type: plain_txt [json-pointer:/blocks/0/text/type]" }));

    [Test]
    public void MarkdownIsRefusedWherePlainTextOnlyIsAllowed()
    {
        var header = new JsonObject { ["type"] = "header", ["text"] = Markdown("*Digest*") };
        var button = Actions(new JsonObject { ["type"] = "button", ["text"] = Markdown("*Go*"), ["action_id"] = "go" });
        var option = Actions(new JsonObject { ["type"] = "static_select", ["action_id"] = "s", ["options"] = new JsonArray(new JsonObject { ["text"] = Markdown("*a*"), ["value"] = "a" }) });
        var placeholder = Actions(new JsonObject { ["type"] = "users_select", ["action_id"] = "u", ["placeholder"] = Markdown("*who*") });

        Assert.That(Message(header, button, option, placeholder), Is.EqualTo(new[]
        {
            "unsupported type: mrkdwn [json-pointer:/blocks/0/text/type]",
            "unsupported type: mrkdwn [json-pointer:/blocks/1/elements/0/text/type]",
            "unsupported type: mrkdwn [json-pointer:/blocks/2/elements/0/options/0/text/type]",
            "unsupported type: mrkdwn [json-pointer:/blocks/3/elements/0/placeholder/type]",
        }));
    }

    [Test]
    public void AStaticSelectWithoutOptionsIsRefused() =>
        Assert.That(Message(Actions(new JsonObject { ["type"] = "static_select", ["action_id"] = "s" }), Actions(new JsonObject { ["type"] = "static_select", ["action_id"] = "s", ["options"] = new JsonArray() })),
            Is.EqualTo(new[]
            {
                "must provide either `options` or `option_groups` [json-pointer:/blocks/0/elements/0]",
                "must provide at least 1 items [json-pointer:/blocks/1/elements/0/options]",
            }));

    [Test]
    public void ResponseActionsCarryingAnotherViewTypeOrAnInvalidModalAreRefused()
    {
        var submitted = Modal(Blocks(Input("text_block", TextInput())));
        var home = new JsonObject { ["response_action"] = "update", ["view"] = Home(Blocks(Section("hi"))) };
        var untitled = new JsonObject { ["response_action"] = "push", ["view"] = new JsonObject { ["type"] = "modal", ["blocks"] = Blocks(Section("hi")) } };

        Assert.That(BlockKitValidator.SubmissionAck(home, submitted), Is.EqualTo(new[] { "unsupported type: home [json-pointer:/view/type]" }));
        Assert.That(BlockKitValidator.SubmissionAck(untitled, submitted), Is.EqualTo(new[] { "missing required field: title [json-pointer:/view]" }));
    }

    [Test]
    public void AnEmptyTextIsRefused() =>
        Assert.That(Message(Section("")), Is.EqualTo(new[] { "must be more than 0 characters [json-pointer:/blocks/0/text/text]" }));

    [Test]
    public void ASectionNeedsTextOrFields() =>
        Assert.That(Message(new JsonObject { ["type"] = "section" }), Is.EqualTo(new[] { "must define either `text` or `fields` [json-pointer:/blocks/0]" }));

    [Test]
    public void AnUnknownBlockTypeIsRefused() =>
        Assert.That(Message(new JsonObject { ["type"] = "sektion", ["text"] = Markdown("x") }), Is.EqualTo(new[] { "unsupported type: sektion [json-pointer:/blocks/0/type]" }));

    [Test]
    public void ValidMessageBlocksOfEveryKindAreAccepted()
    {
        var blocks = Blocks(
            new JsonObject { ["type"] = "header", ["text"] = Plain("Digest") },
            new JsonObject { ["type"] = "section", ["text"] = Plain("plain"), ["fields"] = new JsonArray(Markdown("*a*"), Plain("b")), ["accessory"] = Button("More") },
            new JsonObject { ["type"] = "section", ["fields"] = new JsonArray(Markdown("only fields")), ["accessory"] = new JsonObject { ["type"] = "image", ["image_url"] = "https://example.com/a.png", ["alt_text"] = "a" } },
            new JsonObject { ["type"] = "divider", ["block_id"] = "divider" },
            new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Markdown("_small_"), Plain("print"), new JsonObject { ["type"] = "image", ["image_url"] = "https://example.com/i.png", ["alt_text"] = "icon" }) },
            Actions(Button("One", "one"), Button("Two", "two")),
            new JsonObject { ["type"] = "image", ["image_url"] = "https://example.com/chart.png", ["alt_text"] = "chart", ["title"] = Plain("Chart") },
            new JsonObject { ["type"] = "image", ["slack_file"] = new JsonObject { ["id"] = "F0123" }, ["alt_text"] = "file" },
            new JsonObject { ["type"] = "rich_text", ["elements"] = new JsonArray(new JsonObject { ["type"] = "rich_text_section", ["elements"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "hi" }) }) },
            new JsonObject { ["type"] = "file", ["external_id"] = "ABCD1", ["source"] = "remote" },
            Input("in_message", TextInput()));

        Assert.That(BlockKitValidator.MessageBlocks(blocks), Is.Empty);
    }

    [TestCaseSource(typeof(BlockKitPayloads), nameof(InteractiveElements))]
    public void EachInteractiveElementIsAcceptedInActionsAndAsAnAccessory(JsonObject element)
    {
        var actions = Actions(element.DeepClone());
        var section = new JsonObject { ["type"] = "section", ["text"] = Markdown("x"), ["accessory"] = element.DeepClone() };

        Assert.That(Message(actions, section), Is.Empty);
    }

    [TestCaseSource(typeof(BlockKitPayloads), nameof(InputElements))]
    public void EachInputElementIsAcceptedInAModal(JsonObject element) =>
        Assert.That(BlockKitValidator.View(Modal(Blocks(Input("in", element))), "modal"), Is.Empty);

    [Test]
    public void ElementsAreRefusedWhereSlackDoesNotTakeThem()
    {
        var textInputInActions = Actions(TextInput());
        var imageInActions = Actions(new JsonObject { ["type"] = "image", ["image_url"] = "https://example.com/a.png", ["alt_text"] = "a" });
        var buttonAsInput = Input("b", Button("Go"));

        Assert.That(Message(textInputInActions, imageInActions, buttonAsInput), Is.EqualTo(new[]
        {
            "unsupported type: plain_text_input [json-pointer:/blocks/0/elements/0/type]",
            "unsupported type: image [json-pointer:/blocks/1/elements/0/type]",
            "unsupported type: button [json-pointer:/blocks/2/element/type]",
        }));
    }

    [Test]
    public void RequiredFieldsAndTheirTypesAreChecked()
    {
        var noButtonText = Actions(new JsonObject { ["type"] = "button", ["action_id"] = "go" });
        var numberValue = Actions(new JsonObject { ["type"] = "button", ["text"] = Plain("Go"), ["value"] = 5 });
        var noAltText = new JsonObject { ["type"] = "image", ["image_url"] = "https://example.com/a.png" };
        var nullOption = Actions(new JsonObject { ["type"] = "static_select", ["options"] = Options(1), ["initial_option"] = null });
        var optionWithoutValue = Actions(new JsonObject { ["type"] = "overflow", ["options"] = new JsonArray(Option("a", "a"), new JsonObject { ["text"] = Plain("b") }) });
        var badDate = Actions(new JsonObject { ["type"] = "datepicker", ["initial_date"] = "31/01/2025" });
        var badStyle = Actions(new JsonObject { ["type"] = "button", ["text"] = Plain("Go"), ["style"] = "green" });

        Assert.That(Message(noButtonText, numberValue, noAltText, nullOption, optionWithoutValue, badDate, badStyle), Is.EqualTo(new[]
        {
            "missing required field: text [json-pointer:/blocks/0/elements/0]",
            "must provide a string [json-pointer:/blocks/1/elements/0/value]",
            "missing required field: alt_text [json-pointer:/blocks/2]",
            "must provide an object [json-pointer:/blocks/3/elements/0/initial_option]",
            "missing required field: value [json-pointer:/blocks/4/elements/0/options/1]",
            "must match the format yyyy-MM-dd [json-pointer:/blocks/5/elements/0/initial_date]",
            "must be a valid enum value [json-pointer:/blocks/6/elements/0/style]",
        }));
    }

    // Each limit: the largest value Slack takes, then one more.
    private static IEnumerable<TestCaseData> Limits()
    {
        yield return Limit("section text", 3000, n => Section(new string('a', n)), "/blocks/0/text/text", "must be less than 3001 characters");
        yield return Limit("header text", 150, n => new JsonObject { ["type"] = "header", ["text"] = Plain(new string('a', n)) }, "/blocks/0/text/text", "must be less than 151 characters");
        yield return Limit("button text", 75, n => Actions(Button(new string('a', n))), "/blocks/0/elements/0/text/text", "must be less than 76 characters");
        yield return Limit("action_id", 255, n => Actions(Button("Go", new string('a', n))), "/blocks/0/elements/0/action_id", "must be less than 256 characters");
        yield return Limit("block_id", 255, n => new JsonObject { ["type"] = "divider", ["block_id"] = new string('a', n) }, "/blocks/0/block_id", "must be less than 256 characters");
        yield return Limit("button value", 2000, n => Actions(new JsonObject { ["type"] = "button", ["text"] = Plain("Go"), ["value"] = new string('a', n) }), "/blocks/0/elements/0/value", "must be less than 2001 characters");
        yield return Limit("option text", 75, n => Actions(new JsonObject { ["type"] = "static_select", ["options"] = new JsonArray(Option(new string('a', n), "v")) }), "/blocks/0/elements/0/options/0/text/text", "must be less than 76 characters");
        yield return Limit("field text", 2000, n => new JsonObject { ["type"] = "section", ["fields"] = new JsonArray(Markdown(new string('a', n))) }, "/blocks/0/fields/0/text", "must be less than 2001 characters");
        yield return Limit("fields", 10, n => new JsonObject { ["type"] = "section", ["fields"] = new JsonArray([.. Enumerable.Range(0, n).Select(_ => (JsonNode)Markdown("f"))]) }, "/blocks/0/fields", "no more than 10 items allowed");
        yield return Limit("context elements", 10, n => new JsonObject { ["type"] = "context", ["elements"] = new JsonArray([.. Enumerable.Range(0, n).Select(_ => (JsonNode)Markdown("c"))]) }, "/blocks/0/elements", "no more than 10 items allowed");
        yield return Limit("actions elements", 25, n => Actions([.. Enumerable.Range(0, n).Select(i => (JsonNode)Button("b", $"b{i}"))]), "/blocks/0/elements", "no more than 25 items allowed");
        yield return Limit("select options", 100, n => Actions(new JsonObject { ["type"] = "static_select", ["options"] = Options(n) }), "/blocks/0/elements/0/options", "no more than 100 items allowed");
        yield return Limit("overflow options", 5, n => Actions(new JsonObject { ["type"] = "overflow", ["options"] = Options(n) }), "/blocks/0/elements/0/options", "no more than 5 items allowed");
    }

    private static TestCaseData Limit(string what, int max, Func<int, JsonObject> block, string pointer, string reason) =>
        new TestCaseData(max, block, $"{reason} [json-pointer:{pointer}]").SetName($"Limit of {what}: {max} accepted, {max + 1} refused");

    [TestCaseSource(nameof(Limits))]
    public void LimitsAreSlacks(int max, Func<int, JsonObject> block, string reason)
    {
        Assert.That(Message(block(max)), Is.Empty);
        Assert.That(Message(block(max + 1)), Is.EqualTo(new[] { reason }));
    }

    [Test]
    public void AnOverflowNeedsAtLeastTwoOptions()
    {
        Assert.That(Message(Actions(new JsonObject { ["type"] = "overflow", ["options"] = Options(2) })), Is.Empty);
        Assert.That(Message(Actions(new JsonObject { ["type"] = "overflow", ["options"] = Options(1) })),
            Is.EqualTo(new[] { "must provide at least 2 items [json-pointer:/blocks/0/elements/0/options]" }));
    }

    [Test]
    public void AMessageHoldsFiftyBlocksAndAViewAHundred()
    {
        Assert.That(BlockKitValidator.MessageBlocks(Repeat(50, _ => new JsonObject { ["type"] = "divider" })), Is.Empty);
        Assert.That(BlockKitValidator.MessageBlocks(Repeat(51, _ => new JsonObject { ["type"] = "divider" })), Is.EqualTo(new[] { "no more than 50 items allowed [json-pointer:/blocks]" }));
        Assert.That(BlockKitValidator.View(Home(Repeat(100, _ => new JsonObject { ["type"] = "divider" })), "home"), Is.Empty);
        Assert.That(BlockKitValidator.View(Home(Repeat(101, _ => new JsonObject { ["type"] = "divider" })), "home"), Is.EqualTo(new[] { "no more than 100 items allowed [json-pointer:/view/blocks]" }));
    }

    [Test]
    public void BlockIdsAreUniqueInAPayloadAndActionIdsInABlock()
    {
        var blocks = Blocks(
            new JsonObject { ["type"] = "divider", ["block_id"] = "same" },
            new JsonObject { ["type"] = "divider", ["block_id"] = "same" },
            Actions(Button("A", "vote"), Button("B", "vote")),
            Actions(Button("C", "vote")));

        Assert.That(BlockKitValidator.MessageBlocks(blocks), Is.EqualTo(new[]
        {
            "`block_id` \"same\" already exists [json-pointer:/blocks/1/block_id]",
            "`action_id` \"vote\" already exists [json-pointer:/blocks/2/elements/1/action_id]",
        }));
    }

    [Test]
    public void AFileBlockIsForMessagesOnly() =>
        Assert.That(BlockKitValidator.View(Home(Blocks(new JsonObject { ["type"] = "file", ["external_id"] = "x", ["source"] = "remote" })), "home"),
            Is.EqualTo(new[] { "unsupported type: file [json-pointer:/view/blocks/0/type]" }));

    [Test]
    public void ViewsFollowSlacksRules()
    {
        var valid = Modal(Blocks(Input("text_block", TextInput())));
        valid["close"] = Plain(new string('c', 24));
        valid["callback_id"] = new string('k', 255);
        valid["private_metadata"] = new string('m', 3000);
        var tooLong = Modal(Blocks(Section("x")), title: new string('t', 25), submit: new string('s', 25));
        tooLong["callback_id"] = new string('k', 256);
        tooLong["private_metadata"] = new string('m', 3001);
        var noSubmit = Modal(Blocks(Section("x"), Input("text_block", TextInput())), submit: null);
        var stringTitle = new JsonObject { ["type"] = "modal", ["title"] = "Feedback", ["blocks"] = Blocks() };
        var markdownTitle = Modal(Blocks());
        markdownTitle["title"] = Markdown("*Feedback*");

        Assert.That(BlockKitValidator.View(valid, "modal"), Is.Empty);
        Assert.That(BlockKitValidator.View(Modal(Blocks(Section("no inputs")), submit: null), "modal"), Is.Empty);
        Assert.That(BlockKitValidator.View(tooLong, "modal"), Is.EqualTo(new[]
        {
            "must be less than 25 characters [json-pointer:/view/title/text]",
            "must be less than 25 characters [json-pointer:/view/submit/text]",
            "must be less than 256 characters [json-pointer:/view/callback_id]",
            "must be less than 3001 characters [json-pointer:/view/private_metadata]",
        }));
        Assert.That(BlockKitValidator.View(noSubmit, "modal"), Is.EqualTo(new[] { "must define `submit` to use an `input` block in modals [json-pointer:/view/blocks/1/input]" }));
        Assert.That(BlockKitValidator.View(stringTitle, "modal"), Is.EqualTo(new[] { "must provide an object [json-pointer:/view/title]" }));
        Assert.That(BlockKitValidator.View(markdownTitle, "modal"), Is.EqualTo(new[] { "unsupported type: mrkdwn [json-pointer:/view/title/type]" }));
        Assert.That(BlockKitValidator.View(new JsonObject { ["type"] = "dialog", ["blocks"] = Blocks() }, null), Is.EqualTo(new[] { "unsupported type: dialog [json-pointer:/view/type]" }));
        Assert.That(BlockKitValidator.View(Home(Blocks()), "modal"), Is.EqualTo(new[] { "unsupported type: home [json-pointer:/view/type]" }));
        Assert.That(BlockKitValidator.View(Modal(Blocks()), "home"), Is.EqualTo(new[] { "unsupported type: modal [json-pointer:/view/type]" }));
    }

    [Test]
    public void SubmissionAcksAreChecked()
    {
        var submitted = Modal(Blocks(Section("intro"), Input("text_block", TextInput())));
        JsonObject Errors(JsonObject errors) => new() { ["response_action"] = "errors", ["errors"] = errors };

        Assert.That(BlockKitValidator.SubmissionAck(Errors(new JsonObject { ["text_block"] = "Please describe it" }), submitted), Is.Empty);
        Assert.That(BlockKitValidator.SubmissionAck(new JsonObject { ["response_action"] = "clear" }, submitted), Is.Empty);
        Assert.That(BlockKitValidator.SubmissionAck(new JsonObject { ["response_action"] = "update", ["view"] = Modal(Blocks(Section("Thanks")), submit: null) }, submitted), Is.Empty);
        Assert.That(BlockKitValidator.SubmissionAck(new JsonObject { ["response_action"] = "push", ["view"] = Modal(Blocks(Input("more", TextInput()))) }, submitted), Is.Empty);

        Assert.That(BlockKitValidator.SubmissionAck(Errors(new JsonObject { ["nope"] = "x", ["text_block"] = 3 }), submitted), Is.EqualTo(new[]
        {
            "no input block with block_id \"nope\" in the view [json-pointer:/errors/nope]",
            "must provide a string [json-pointer:/errors/text_block]",
        }));
        Assert.That(BlockKitValidator.SubmissionAck(Errors([]), submitted), Is.EqualTo(new[] { "must provide at least 1 items [json-pointer:/errors]" }));
        Assert.That(BlockKitValidator.SubmissionAck(new JsonObject { ["response_action"] = "errors" }, submitted), Is.EqualTo(new[] { "missing required field: errors [json-pointer:]" }));
        Assert.That(BlockKitValidator.SubmissionAck(new JsonObject { ["response_action"] = "close" }, submitted), Is.EqualTo(new[] { "must be a valid enum value [json-pointer:/response_action]" }));
        Assert.That(BlockKitValidator.SubmissionAck(new JsonObject { ["response_action"] = "update" }, submitted), Is.EqualTo(new[] { "missing required field: view [json-pointer:]" }));
        Assert.That(BlockKitValidator.SubmissionAck(Errors(new JsonObject { ["intro"] = "not an input" }), Modal(Blocks(new JsonObject { ["type"] = "section", ["block_id"] = "intro", ["text"] = Markdown("x") }))),
            Is.EqualTo(new[] { "no input block with block_id \"intro\" in the view [json-pointer:/errors/intro]" }));
    }
}
