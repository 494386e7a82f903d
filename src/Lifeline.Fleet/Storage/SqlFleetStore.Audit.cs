using Dapper;
using Lifeline.Fleet.Security;

namespace Lifeline.Fleet.Storage;

internal abstract partial class SqlFleetStore
{
    /// <summary>The most entries one query returns, whatever <see cref="AuditQuery.Limit"/> asks.</summary>
    public const int MaxAuditLimit = 10_000;

    public async Task<long> AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(entry.Actor);
        ArgumentNullException.ThrowIfNull(entry.Source);
        ArgumentNullException.ThrowIfNull(entry.Action);
        ArgumentNullException.ThrowIfNull(entry.Outcome);
        return await WriteAsync((connection, transaction) => connection.ExecuteScalarAsync<long>(Command(
            "INSERT INTO audit (time, actor, source, action, target, outcome, details) " +
            "VALUES (@time, @actor, @source, @action, @target, @outcome, @details) RETURNING id",
            new
            {
                time = Ticks(entry.Time),
                actor = entry.Actor,
                source = entry.Source,
                action = entry.Action,
                target = entry.Target,
                outcome = entry.Outcome,
                details = entry.Details,
            },
            transaction,
            cancellationToken)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Newest first (by id, the order of appending, which is also the paging order of <see cref="AuditQuery.BeforeId"/>).
    /// <see cref="AuditQuery.Since"/> is inclusive, <see cref="AuditQuery.Until"/> exclusive; the action filter is a
    /// prefix (<c>power.</c>, <c>auth.login</c>).
    /// </summary>
    public Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "the audit limit must be at least 1");
        }

        var conditions = new List<string>();
        var parameters = new DynamicParameters();
        if (query.Since is { } since)
        {
            conditions.Add("time >= @since");
            parameters.Add("since", Ticks(since), System.Data.DbType.Int64);
        }

        if (query.Until is { } until)
        {
            conditions.Add("time < @until");
            parameters.Add("until", Ticks(until), System.Data.DbType.Int64);
        }

        if (query.Actor is { } actor)
        {
            conditions.Add("actor = @actor");
            parameters.Add("actor", actor, System.Data.DbType.String);
        }

        if (!string.IsNullOrEmpty(query.ActionPrefix))
        {
            conditions.Add("substr(action, 1, @prefixLength) = @prefix");
            parameters.Add("prefix", query.ActionPrefix, System.Data.DbType.String);
            parameters.Add("prefixLength", query.ActionPrefix.Length, System.Data.DbType.Int32);
        }

        if (query.BeforeId is { } beforeId)
        {
            conditions.Add("id < @beforeId");
            parameters.Add("beforeId", beforeId, System.Data.DbType.Int64);
        }

        parameters.Add("limit", Math.Min(query.Limit, MaxAuditLimit), System.Data.DbType.Int32);
        string where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        return ReadAsync<IReadOnlyList<AuditEntry>>(async (connection, transaction) =>
            [.. (await connection.QueryAsync<AuditRow>(Command(
                "SELECT id AS Id, time AS Time, actor AS Actor, source AS Source, action AS Action, target AS Target, " +
                $"outcome AS Outcome, details AS Details FROM audit {where} ORDER BY id DESC LIMIT @limit",
                parameters, transaction, cancellationToken)).ConfigureAwait(false))
                .Select(r => r.ToEntry())],
            cancellationToken);
    }

    private sealed class AuditRow
    {
        public long Id { get; set; }

        public long Time { get; set; }

        public string Actor { get; set; } = "";

        public string Source { get; set; } = "";

        public string Action { get; set; } = "";

        public string? Target { get; set; }

        public string Outcome { get; set; } = "";

        public string? Details { get; set; }

        public AuditEntry ToEntry() => new()
        {
            Id = Id,
            Time = FromTicks(Time),
            Actor = Actor,
            Source = Source,
            Action = Action,
            Target = Target,
            Outcome = Outcome,
            Details = Details,
        };
    }
}
