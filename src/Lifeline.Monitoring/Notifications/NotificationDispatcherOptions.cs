namespace Lifeline.Monitoring.Notifications;

/// <summary>How the dispatcher paces itself (<c>Lifeline:Monitoring:Notifications</c>).</summary>
public sealed class NotificationDispatcherOptions
{
    /// <summary>A row still undelivered this long after it was queued becomes Expired (kept and listed).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How often each channel looks for due rows when nobody calls <see cref="NotificationDispatcher.Wake"/>.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows read per store query.</summary>
    public int BatchSize { get; set; } = 50;
}
