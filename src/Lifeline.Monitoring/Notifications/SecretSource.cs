namespace Lifeline.Monitoring.Notifications;

/// <summary>
/// Reads a secret (HMAC key, SMTP password) from where the settings say: an environment variable, a file, or inline.
/// Read at each delivery, so a rotated file or variable takes effect without a restart. The secret never appears in a
/// message: errors name the variable or file, not the content.
/// </summary>
internal static class SecretSource
{
    /// <summary>The secret, or null when none is configured.</summary>
    /// <exception cref="NotificationDeliveryException">The variable is unset or the file unreadable.</exception>
    public static string? Read(string? inline, string? variable, string? file)
    {
        if (variable is not null)
        {
            string? value = Environment.GetEnvironmentVariable(variable);
            return string.IsNullOrEmpty(value)
                ? throw new NotificationDeliveryException($"environment variable {variable} (the channel's secret) is not set")
                : value;
        }

        if (file is not null)
        {
            try
            {
                string value = File.ReadAllText(file).TrimEnd('\r', '\n');
                return value.Length == 0 ? throw new NotificationDeliveryException($"secret file {file} is empty") : value;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new NotificationDeliveryException($"secret file {file} cannot be read: {e.GetType().Name}");
            }
        }

        return inline;
    }

    /// <summary>Null when the secret can be read now, else what is wrong (without the secret).</summary>
    public static string? Check(string? inline, string? variable, string? file)
    {
        try
        {
            Read(inline, variable, file);
            return inline is not null && inline.Length == 0 ? "the secret is empty" : null;
        }
        catch (NotificationDeliveryException e)
        {
            return e.Message;
        }
    }
}
