using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Verification;

namespace SlackFeedbackBot.Slack.Transports.Http;

/// <summary>
/// The single HTTP endpoint Slack posts everything to (events, slash commands, interactivity). In Bolt's order:
/// read the raw body once, verify the signature, answer the setup checks, then hand the request to the sink and
/// send back its ack.
/// </summary>
public sealed partial class SlackEventsEndpoint(
    ISlackInboundSink sink,
    ISlackRequestVerifier verifier,
    TimeProvider time,
    ILogger<SlackEventsEndpoint> logger) : IDisposable
{
    /// <summary>Slack's payloads are a few kB; anything near this is not from Slack.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private const string TextPlain = "text/plain; charset=utf-8";
    private const string ApplicationJson = "application/json; charset=utf-8";

    private readonly RejectedSignatureLog _rejections = new(time, logger);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            await WriteAsync(context.Response, StatusCodes.Status413PayloadTooLarge, TextPlain, "Request body too large.");
            return;
        }

        var reader = request.BodyReader;
        var read = await ReadWholeBodyAsync(reader, context.RequestAborted);
        if (read is null)
        {
            await WriteAsync(context.Response, StatusCodes.Status413PayloadTooLarge, TextPlain, "Request body too large.");
            return;
        }

        SlackParseResult? parsed;
        try
        {
            parsed = VerifyAndParse(request, read.Value.Buffer);
        }
        finally
        {
            reader.AdvanceTo(read.Value.Buffer.End);
        }

        if (parsed is null)
        {
            _rejections.Record(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            await WriteAsync(context.Response, StatusCodes.Status401Unauthorized, TextPlain, "Invalid or missing Slack signature.");
            return;
        }

        switch (parsed.Outcome)
        {
            case SlackParseOutcome.SslCheck:
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentLength = 0;
                return;
            case SlackParseOutcome.UrlVerification:
                await WriteAsync(context.Response, StatusCodes.Status200OK, TextPlain, parsed.Challenge!);
                return;
            case SlackParseOutcome.Invalid:
                LogUnparseable(logger, parsed.Error!);
                // Resending the same body would fail the same way.
                context.Response.Headers["X-Slack-No-Retry"] = "1";
                await WriteAsync(context.Response, StatusCodes.Status400BadRequest, TextPlain, "Not a Slack request this endpoint understands.");
                return;
        }

        await AcceptAsync(context, parsed.Request!);
    }

    private async Task AcceptAsync(HttpContext context, SlackInboundRequest inbound)
    {
        SlackAck ack;
        try
        {
            ack = await sink.AcceptAsync(inbound, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // Not recorded, so not acked: a 500 makes Slack deliver it again.
            LogSinkFailed(logger, ex, inbound.Kind, inbound.DedupeKey);
            await WriteAsync(context.Response, StatusCodes.Status500InternalServerError, TextPlain, "The request could not be recorded; Slack will retry.");
            return;
        }

        if (ack.PayloadJson is null)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentLength = 0;
            return;
        }

        await WriteAsync(context.Response, StatusCodes.Status200OK, ApplicationJson, ack.PayloadJson);
    }

    /// <summary>Reads until the body is complete without consuming it, so the whole body ends up in one buffer sequence.</summary>
    private static async Task<ReadResult?> ReadWholeBodyAsync(PipeReader reader, CancellationToken ct)
    {
        while (true)
        {
            var read = await reader.ReadAsync(ct);
            if (read.Buffer.Length > MaxBodyBytes)
            {
                reader.AdvanceTo(read.Buffer.End);
                return null;
            }

            if (read.IsCompleted)
            {
                return read;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>Null when the signature does not hold.</summary>
    private SlackParseResult? VerifyAndParse(HttpRequest request, ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            return VerifyAndParse(request, body.FirstSpan);
        }

        var length = (int)body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(rented);
            return VerifyAndParse(request, rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private SlackParseResult? VerifyAndParse(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var headers = request.Headers;
        if (!verifier.IsValid(body, headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"]))
        {
            return null;
        }

        return SlackRequestParser.ParseHttp(request.ContentType, body, RetryNum(request), time.GetUtcNow());
    }

    public void Dispose() => _rejections.Dispose();

    private static int RetryNum(HttpRequest request) =>
        int.TryParse(request.Headers["X-Slack-Retry-Num"], NumberStyles.None, CultureInfo.InvariantCulture, out var retry) ? retry : 0;

    private static async Task WriteAsync(HttpResponse response, int status, string contentType, string body)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = Encoding.UTF8.GetByteCount(body);
        Encoding.UTF8.GetBytes(body, response.BodyWriter);
        await response.BodyWriter.FlushAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a signed Slack request that could not be understood: {Reason}")]
    private static partial void LogUnparseable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record a Slack {Kind} request ({DedupeKey}); answered 500 so Slack retries")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, SlackRequestKind kind, string dedupeKey);
}
