using System.Text.Json;
using Dapper;
using Lifeline.Monitoring.Model;

namespace Lifeline.Monitoring.Storage;

internal abstract partial class SqlMonitoringStore
{
    private const string SilenceColumns =
        "id AS Id, nodes AS Nodes, rule AS Rule, starts_at AS StartsAt, ends_at AS EndsAt, created_by AS CreatedBy, comment AS Comment, created_at AS CreatedAt";

    /// <summary>Ordered by name (ordinal).</summary>
    public Task<IReadOnlyList<AlertRule>> ListRulesAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<AlertRule>>(async (connection, transaction) =>
            [.. (await connection.QueryAsync<(string, string)>(Command(
                "SELECT name, definition FROM mon_rules ORDER BY name", null, transaction, cancellationToken)).ConfigureAwait(false))
                .Select(r => ParseRule(r.Item1, r.Item2))],
            cancellationToken);

    private static AlertRule ParseRule(string name, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<AlertRule>(json, MonitoringJson.Options)
                ?? throw new InvalidDataException($"the stored rule '{name}' is empty; save it again");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the stored rule '{name}' is not valid JSON ({e.Message}); save it again or delete it", e);
        }
    }

    public async Task SaveRuleAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        StoreText.Require(rule.Name, "rule name", StoreText.NameLength);
        string json = JsonSerializer.Serialize(rule, MonitoringJson.Options);
        StoreText.Require(json, "rule", StoreText.MessageLength);
        await WriteAsync((connection, transaction) => connection.ExecuteAsync(Command(
            "INSERT INTO mon_rules (name, definition, updated_at) VALUES (@name, @json, @at) " +
            "ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at",
            new { name = rule.Name, json, at = Now() }, transaction, cancellationToken)), durable: true, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteRuleAsync(string name, CancellationToken cancellationToken)
    {
        StoreText.Require(name, "rule name", StoreText.NameLength);
        return await WriteAsync((connection, transaction) => connection.ExecuteAsync(Command(
            "DELETE FROM mon_rules WHERE name = @name", new { name }, transaction, cancellationToken)), durable: true, cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Stores a new silence (its <see cref="Silence.Id"/> is ignored) and returns it with its id.</summary>
    public async Task<Silence> AddSilenceAsync(Silence silence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silence);
        StoreText.Optional(silence.Nodes, "silence nodes", StoreText.MessageLength);
        StoreText.Optional(silence.Rule, "silence rule", StoreText.NameLength);
        StoreText.Require(silence.CreatedBy, "silence creator", StoreText.NameLength);
        ArgumentNullException.ThrowIfNull(silence.Comment, "silence comment");
        StoreText.Optional(silence.Comment, "silence comment", StoreText.MessageLength);
        if (silence.EndsAt <= silence.StartsAt)
        {
            throw new ArgumentException($"the silence ends ({silence.EndsAt:O}) before it starts ({silence.StartsAt:O}); give it a positive duration", nameof(silence));
        }

        long id = await WriteAsync((connection, transaction) => connection.ExecuteScalarAsync<long>(Command(
            "INSERT INTO mon_silences (nodes, rule, starts_at, ends_at, created_by, comment, created_at) " +
            "VALUES (@nodes, @rule, @startsAt, @endsAt, @createdBy, @comment, @createdAt) RETURNING id",
            new
            {
                nodes = silence.Nodes,
                rule = silence.Rule,
                startsAt = silence.StartsAt.UtcTicks,
                endsAt = silence.EndsAt.UtcTicks,
                createdBy = silence.CreatedBy,
                comment = silence.Comment,
                createdAt = silence.CreatedAt.UtcTicks,
            },
            transaction,
            cancellationToken)), durable: true, cancellationToken).ConfigureAwait(false);
        return silence with { Id = id };
    }

    /// <summary>Ordered by start, then id.</summary>
    public Task<IReadOnlyList<Silence>> ListSilencesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<Silence>>(async (connection, transaction) =>
            [.. (await connection.QueryAsync<SilenceRow>(Command(
                $"SELECT {SilenceColumns} FROM mon_silences WHERE ends_at > @now ORDER BY starts_at, id",
                new { now = now.UtcTicks }, transaction, cancellationToken)).ConfigureAwait(false))
                .Select(r => r.ToSilence())],
            cancellationToken);

    /// <summary>Sets the end to <paramref name="now"/> when it was later (an ended silence stays as it was); false when unknown.</summary>
    public async Task<bool> EndSilenceAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            long? endsAt = await connection.ExecuteScalarAsync<long?>(Command(
                "SELECT ends_at FROM mon_silences WHERE id = @id", new { id }, transaction, cancellationToken)).ConfigureAwait(false);
            if (endsAt is null)
            {
                return false;
            }

            if (endsAt > now.UtcTicks)
            {
                await connection.ExecuteAsync(Command(
                    "UPDATE mon_silences SET ends_at = @now WHERE id = @id", new { id, now = now.UtcTicks }, transaction, cancellationToken)).ConfigureAwait(false);
            }

            return true;
        }, durable: true, cancellationToken).ConfigureAwait(false);
    }

    private sealed class SilenceRow
    {
        public long Id { get; set; }

        public string? Nodes { get; set; }

        public string? Rule { get; set; }

        public long StartsAt { get; set; }

        public long EndsAt { get; set; }

        public string CreatedBy { get; set; } = "";

        public string Comment { get; set; } = "";

        public long CreatedAt { get; set; }

        public Silence ToSilence() => new(Id, Nodes, Rule, FromTicks(StartsAt), FromTicks(EndsAt), CreatedBy, Comment, FromTicks(CreatedAt));
    }
}
