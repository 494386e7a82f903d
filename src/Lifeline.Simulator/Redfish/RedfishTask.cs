using System.Text.Json.Nodes;

namespace Lifeline.Simulator.Redfish;

/// <summary>
/// A long-running operation (Task.v1_7_3, DSP0266 1.20 §12.2 "Asynchronous operations"): progress is a function of
/// time; at its end the work runs once (from a <see cref="TimeProvider"/> timer, or at the first look after it).
/// </summary>
internal sealed class RedfishTask
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Func<string?> _complete;
    private readonly ITimer _timer;
    private TaskState _state = TaskState.Running;
    private DateTimeOffset? _end;
    private string? _message;

    public RedfishTask(string id, string name, TimeProvider time, TimeSpan duration, Func<string?> complete)
    {
        Id = id;
        Name = name;
        _time = time;
        Start = time.GetUtcNow();
        Duration = duration;
        _complete = complete;
        _timer = time.CreateTimer(_ => Refresh(), null, duration, Timeout.InfiniteTimeSpan);
    }

    public string Id { get; }
    public string Name { get; }
    public DateTimeOffset Start { get; }
    public TimeSpan Duration { get; }

    public string Uri => $"/redfish/v1/TaskService/Tasks/{Id}";
    public string MonitorUri => $"/redfish/v1/TaskService/TaskMonitors/{Id}";

    public TaskState State
    {
        get
        {
            Refresh();
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public bool IsDone => State is TaskState.Completed or TaskState.Exception;

    /// <summary>Runs the completion once its time has come. The work returns null on success or an error text.</summary>
    public void Refresh()
    {
        lock (_lock)
        {
            if (_state != TaskState.Running || _time.GetUtcNow() < Start + Duration)
            {
                return;
            }
            string? error;
            try
            {
                error = _complete();
            }
            catch (Exception e)
            {
                error = e.Message;
            }
            _state = error is null ? TaskState.Completed : TaskState.Exception;
            _message = error;
            _end = Start + Duration;
        }
        _timer.Dispose();
    }

    /// <summary>The BMC rebooted: the task dies unfinished.</summary>
    public void Abandon()
    {
        _timer.Dispose();
        lock (_lock)
        {
            if (_state == TaskState.Running)
            {
                _state = TaskState.Exception;
                _message = "The BMC restarted before the task finished.";
                _end = _time.GetUtcNow();
            }
        }
    }

    public JsonObject ToJson()
    {
        Refresh();
        lock (_lock)
        {
            double elapsed = (_time.GetUtcNow() - Start) / Duration;
            int percent = _state == TaskState.Completed ? 100 : (int)Math.Clamp(elapsed * 100, 0, 99);
            var status = _state switch { TaskState.Exception => Health.Critical, _ => Health.OK };
            var message = new JsonObject
            {
                ["@odata.type"] = "#Message.v1_1_2.Message",
                ["MessageId"] = _state switch
                {
                    TaskState.Completed => "TaskEvent.1.0.3.TaskCompletedOK",
                    TaskState.Exception => "TaskEvent.1.0.3.TaskAborted",
                    _ => "TaskEvent.1.0.3.TaskProgressChanged",
                },
                ["Message"] = _message ?? $"The task with Id '{Id}' is {_state} ({percent}%).",
                ["MessageArgs"] = new JsonArray(Id),
                ["MessageSeverity"] = status == Health.OK ? "OK" : "Critical",
            };
            return new JsonObject
            {
                ["@odata.id"] = Uri,
                ["@odata.type"] = "#Task.v1_7_3.Task",
                ["Id"] = Id,
                ["Name"] = Name,
                ["TaskState"] = _state.ToString(),
                ["TaskStatus"] = status.ToString(),
                ["PercentComplete"] = percent,
                ["StartTime"] = RedfishJson.Time(Start),
                ["EndTime"] = _end is { } e ? RedfishJson.Time(e) : null,
                ["TaskMonitor"] = MonitorUri,
                ["Messages"] = new JsonArray(message),
            };
        }
    }
}
