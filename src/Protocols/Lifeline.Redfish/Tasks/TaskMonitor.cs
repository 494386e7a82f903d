using System.Text.Json;
using Lifeline.Redfish.Http;
using Lifeline.Redfish.Json;
using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish.Tasks;

/// <summary>Progress of a running task, as the service reports it.</summary>
public sealed record TaskProgress(TaskState State, int? PercentComplete, string? LatestMessage);

/// <summary>How a monitored task ended.</summary>
public sealed record TaskResult(TaskState State, int? PercentComplete, IReadOnlyList<RedfishMessage> Messages, string? TaskUri, JsonElement? FinalBody);

/// <summary>
/// Polls a task monitor (DSP0266 v1.20 clause "Asynchronous operations"): 202 Accepted + Location is a monitor URI;
/// GET on it answers 202 (with the Task, and maybe Retry-After) while running and the operation's own answer when done.
/// Some services (OpenBMC) give the Task resource instead; both are handled, and a Task that reports
/// Exception/Killed/Cancelled (or TaskStatus Critical) is <see cref="RedfishError.TaskFailed"/>.
/// </summary>
internal static class TaskMonitor
{
    public static async Task<TaskResult> WaitAsync(RedfishClient client, RedfishResponse accepted, IProgress<TaskProgress>? progress,
        CancellationToken ct)
    {
        var options = client.Options;
        var time = client.Time;
        var started = time.GetTimestamp();
        string? taskUri = null;
        JsonElement? body = accepted.Json();
        if (body is { } b0 && IsTask(b0))
        {
            taskUri = Str(b0, "@odata.id");
        }
        var monitor = accepted.Location ?? (body is { } b1 ? Str(b1, "TaskMonitor") : null) ?? taskUri
            ?? throw RedfishException.Malformed($"{accepted}: 202 Accepted without Location or a Task to monitor");
        var retryAfter = accepted.RetryAfter;
        var attempt = 0;
        while (true)
        {
            if (body is { } current && IsTask(current))
            {
                var state = ParseState(current);
                taskUri ??= Str(current, "@odata.id");
                var messages = Messages(current);
                progress?.Report(new TaskProgress(state, Percent(current), messages.LastOrDefault()?.Message));
                if (IsFailed(state, current))
                {
                    throw Failed(state, messages, taskUri ?? monitor);
                }
                if (state is TaskState.Completed)
                {
                    return new TaskResult(state, Percent(current) ?? 100, messages, taskUri, current);
                }
            }
            if (time.GetElapsedTime(started) > options.TaskTimeout)
            {
                throw new RedfishException(RedfishError.Timeout, $"task {taskUri ?? monitor} still running after {options.TaskTimeout}")
                { MayHaveBeenDelivered = true };
            }
            var delay = retryAfter is null ? options.TaskPollInterval : RetryPolicy.Delay(retryAfter, attempt, time.GetUtcNow());
            await Task.Delay(delay, time, ct).ConfigureAwait(false);
            attempt++;
            RedfishResponse poll;
            try
            {
                poll = await client.SendAsync(HttpMethod.Get, monitor, null, null, RedfishClient.Send.None, ct).ConfigureAwait(false);
            }
            catch (RedfishException e) when (e.StatusCode == 404 && taskUri is not null && monitor != taskUri)
            {
                // The monitor is gone once the operation ended (allowed by DSP0266); the Task resource tells how.
                monitor = taskUri;
                body = null;
                retryAfter = null;
                continue;
            }
            catch (RedfishException e) when (e.Error == RedfishError.Rejected && e.StatusCode is >= 400 and not 404)
            {
                // The monitor answers the operation's own failure once it is done.
                throw new RedfishException(RedfishError.TaskFailed, $"task {taskUri ?? monitor} failed: {e.Message}", e)
                { StatusCode = e.StatusCode, MessageId = e.MessageId, ExtendedInfo = e.ExtendedInfo, Resolutions = e.Resolutions, MayHaveBeenDelivered = true };
            }
            retryAfter = poll.RetryAfter;
            body = poll.Json();
            if (poll.StatusCode != 202 && (body is not { } done || !IsTask(done)))
            {
                return new TaskResult(TaskState.Completed, 100, body is { } j ? Messages(j) : [], taskUri, body);
            }
        }
    }

    private static bool IsTask(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && (e.TryGetProperty("TaskState", out _)
            || RedfishResource.SchemaNameOf(Str(e, "@odata.type")) == "Task");

    private static TaskState ParseState(JsonElement e) =>
        Str(e, "TaskState") is { } s && Enum.TryParse<TaskState>(s, out var state) && Enum.IsDefined(state) ? state : TaskState.Unknown;

    private static bool IsFailed(TaskState state, JsonElement e) =>
        state is TaskState.Exception or TaskState.Killed or TaskState.Cancelled
        || (state is TaskState.Completed && Str(e, "TaskStatus") == "Critical");

    private static int? Percent(JsonElement e) =>
        e.TryGetProperty("PercentComplete", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var v) ? v : null;

    private static List<RedfishMessage> Messages(JsonElement e)
    {
        var list = new List<RedfishMessage>();
        ErrorBody.ReadMessages(e, "Messages", list);
        if (e.TryGetProperty("error", out var err) && err.ValueKind == JsonValueKind.Object)
        {
            ErrorBody.ReadMessages(err, "@Message.ExtendedInfo", list);
        }
        return list;
    }

    private static RedfishException Failed(TaskState state, IReadOnlyList<RedfishMessage> messages, string task) =>
        new(RedfishError.TaskFailed, $"task {task} ended {state}" + (messages.Count > 0 ? ": " + string.Join("; ", messages) : ""))
        {
            MessageId = messages.FirstOrDefault(m => m.MessageId is not null)?.MessageId,
            ExtendedInfo = messages,
            Resolutions = messages.Select(m => m.Resolution).Where(r => !string.IsNullOrWhiteSpace(r)).Distinct().ToList()!,
            MayHaveBeenDelivered = true,
        };

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
