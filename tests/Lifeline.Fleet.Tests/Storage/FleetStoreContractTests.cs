using System.Diagnostics;
using System.Text;
using Lifeline.Fleet.Inventory;
using Lifeline.Fleet.Security;
using Lifeline.Fleet.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Lifeline.Fleet.Tests.Storage;

/// <summary>
/// What every fleet store must do, run against each database (see the derived classes). Each test gets a store on an
/// empty, migrated database.
/// </summary>
public abstract class FleetStoreContractTests : IAsyncLifetime
{
    private readonly List<string> _directories = [];
    private readonly List<SqlFleetStore> _stores = [];
    private SqlFleetStore? _store;

    protected FleetStoreContractTests(ITestOutputHelper output)
    {
        Output = output;
    }

    protected ITestOutputHelper Output { get; }

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The store under test; skips (or fails in CI) when the database is unavailable.</summary>
    private protected SqlFleetStore Store
    {
        get
        {
            SkipUnlessAvailable();
            return _store!;
        }
    }

    /// <summary>Null when the database can be used, else why not.</summary>
    protected abstract string? UnavailableReason { get; }

    protected abstract StorageProvider Provider { get; }

    /// <summary>The connection string of a database for this test, empty of data (migrated or not).</summary>
    protected abstract Task<string> TestDatabaseAsync();

    /// <summary>The connection string of a new database with no schema at all.</summary>
    protected abstract Task<string> FreshDatabaseAsync();

    /// <summary>Removes every row left by an earlier test of the same class (a shared database).</summary>
    protected virtual Task ClearAsync(string connectionString) => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        if (UnavailableReason is not null)
        {
            return;
        }

        string connectionString = await TestDatabaseAsync();
        _store = await OpenStoreAsync(connectionString, NewDirectory());
        await ClearAsync(connectionString);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        foreach (string directory in _directories)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    protected void SkipUnlessAvailable()
    {
        if (UnavailableReason is { } reason)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"CI=true and the database is unavailable: {reason}");
            }

            Skip.If(true, reason);
        }
    }

    protected string NewDirectory()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"lifeline-store-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        _directories.Add(directory);
        return directory;
    }

    /// <summary>A store over <paramref name="connectionString"/> whose key file lives in <paramref name="dataDirectory"/>.</summary>
    private protected async Task<SqlFleetStore> OpenStoreAsync(string connectionString, string dataDirectory)
    {
        var store = (SqlFleetStore)await FleetStoreFactory.CreateAsync(
            new StorageOptions
            {
                Provider = Provider,
                ConnectionString = connectionString,
                DataDirectory = dataDirectory,
                SecretKeyEnvironmentVariable = "LIFELINE_TEST_UNSET_" + Guid.NewGuid().ToString("N"),
            },
            Clock,
            NullLoggerFactory.Instance,
            CancellationToken.None);
        _stores.Add(store);
        return store;
    }

    protected static NodeDefinition FullNode(string name) => new()
    {
        Name = name,
        Groups = ["rack1", "compute"],
        IpmiUrl = "ipmi://admin@127.0.1.1:623",
        RedfishUrl = "redfish+http://admin@127.0.1.1:8000",
        Management = ManagementProtocol.Redfish,
        Credential = "rack1-bmc",
        ConsoleMethod = "sol",
        InbandAddress = "10.1.0.1",
        Location = new Location("dc1", "r1", 3),
        Attributes = new Dictionary<string, string> { ["role"] = "compute", ["os"] = "debian" },
    };

    private static NodeDefinition Node(string name, params string[] groups) => new() { Name = name, Groups = groups, IpmiUrl = $"ipmi://admin@{name}" };

    // ---- nodes ----

    [SkippableFact]
    public async Task EveryNodeFieldRoundTrips()
    {
        var node = FullNode("n1");
        await Store.UpsertNodesAsync([node, new NodeDefinition { Name = "bare" }], default);

        StoreAssert.Same(node, await Store.GetNodeAsync("n1", default));
        StoreAssert.Same(new NodeDefinition { Name = "bare" }, await Store.GetNodeAsync("bare", default));
        Assert.Null(await Store.GetNodeAsync("missing", default));
    }

    [SkippableFact]
    public async Task NodesAreListedInOrdinalOrderOfNames()
    {
        await Store.UpsertNodesAsync([Node("n2"), Node("N10"), Node("n10"), Node("a.b"), Node("a-b"), Node("a_b")], default);

        var names = (await Store.ListNodesAsync(default)).Select(n => n.Name).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(6, names.Count);
    }

    [SkippableFact]
    public async Task UpsertReplacesAWholeNodeIncludingItsGroupsAndAttributes()
    {
        await Store.UpsertNodesAsync([FullNode("n1")], default);
        var replaced = new NodeDefinition { Name = "n1", Groups = ["other"], Attributes = new Dictionary<string, string> { ["x"] = "1" } };

        await Store.UpsertNodesAsync([replaced], default);

        StoreAssert.Same(replaced, await Store.GetNodeAsync("n1", default));
        Assert.Empty(await Store.ListGroupMembersAsync("rack1", default));
        Assert.Equal(["n1"], await Store.ListGroupMembersAsync("other", default));
    }

    [SkippableFact]
    public async Task GroupOrderOfANodeIsKept()
    {
        var node = Node("n1", "zeta", "alpha", "mid");
        await Store.UpsertNodesAsync([node], default);

        Assert.Equal(["zeta", "alpha", "mid"], (await Store.GetNodeAsync("n1", default))!.Groups);
        Assert.Equal(["zeta", "alpha", "mid"], (await Store.ListNodesAsync(default)).Single().Groups);
    }

    [SkippableFact]
    public async Task AttributeKeysAreStoredLowerCase()
    {
        await Store.UpsertNodesAsync([new NodeDefinition { Name = "n1", Attributes = new Dictionary<string, string> { ["Role"] = "Compute" } }], default);

        var node = await Store.GetNodeAsync("n1", default);

        Assert.Equal("Compute", node!.Attributes["role"]);
    }

    [SkippableFact]
    public async Task AnInvalidNodeIsRefusedAndNothingOfItsBatchIsWritten()
    {
        var bad = new NodeDefinition { Name = "bad", IpmiUrl = "ipmi://admin:secret@10.0.0.1" };

        var error = await Assert.ThrowsAsync<InventoryValidationException>(() => Store.UpsertNodesAsync([Node("good"), bad], default));

        Assert.Contains("credential", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.ListNodesAsync(default));
    }

    [SkippableFact]
    public async Task ManyNodesAreUpsertedAndRemovedInOneTransactionThatReadersNeverSeeHalfDone()
    {
        const int count = 2000;
        var nodes = Enumerable.Range(0, count).Select(i => Node($"n{i:D5}", "all", $"rack{i % 10}")).ToList();
        using var stop = new CancellationTokenSource();
        var seen = new List<int>();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var listed = await Store.ListNodesAsync(default);
                var members = listed.Count(n => n.Groups.Contains("all"));
                Assert.Equal(listed.Count, members); // never a node without its groups
                lock (seen)
                {
                    seen.Add(listed.Count);
                }
            }
        });

        await Store.UpsertNodesAsync(nodes, default);
        Assert.Equal(count, (await Store.ListNodesAsync(default)).Count);
        int removed = await Store.RemoveNodesAsync([.. nodes.Select(n => n.Name), "not-there"], default);
        await stop.CancelAsync();
        await reader.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(count, removed);
        Assert.Empty(await Store.ListNodesAsync(default));
        Assert.All(seen, c => Assert.True(c is 0 or count, $"a reader saw {c} nodes: half a transaction"));
    }

    [SkippableFact]
    public async Task TheLastDefinitionOfANameGivenTwiceInOneUpsertWins()
    {
        await Store.UpsertNodesAsync([Node("n1", "a"), Node("n1", "b")], default);

        Assert.Equal(["b"], (await Store.GetNodeAsync("n1", default))!.Groups);
    }

    [SkippableFact]
    public async Task RemovingNodesCountsOnlyThoseThatExistedAndDropsTheirMembership()
    {
        await Store.UpsertNodesAsync([Node("n1", "g"), Node("n2", "g")], default);

        Assert.Equal(1, await Store.RemoveNodesAsync(["n1", "ghost"], default));
        Assert.Equal(0, await Store.RemoveNodesAsync(["n1"], default));
        Assert.Equal(["n2"], await Store.ListGroupMembersAsync("g", default));
    }

    [SkippableFact]
    public async Task AddingNodesRefusesExistingNamesAndWritesNone()
    {
        await Store.UpsertNodesAsync([Node("n1")], default);

        var existing = await Store.AddNodesAsync([Node("n0"), Node("n1")], default);
        var added = await Store.AddNodesAsync([Node("n2"), Node("n3")], default);

        Assert.Equal(["n1"], existing);
        Assert.Empty(added);
        Assert.Equal(["n1", "n2", "n3"], (await Store.ListNodesAsync(default)).Select(n => n.Name));
    }

    [SkippableFact]
    public async Task GroupMembershipIsQueryable()
    {
        await Store.UpsertNodesAsync([Node("n3", "compute"), Node("n1", "compute", "gpu"), Node("n2", "gpu")], default);

        Assert.Equal(["n1", "n3"], await Store.ListGroupMembersAsync("compute", default));
        Assert.Equal(["n1", "n2"], await Store.ListGroupMembersAsync("gpu", default));
        Assert.Empty(await Store.ListGroupMembersAsync("none", default));
    }

    // ---- groups ----

    [SkippableFact]
    public async Task GroupsAreCreatedReadListedReplacedAndRemoved()
    {
        var rack = new GroupDefinition
        {
            Name = "rack1",
            Description = "Rack 1, row B",
            Credential = "rack1-bmc",
            Attributes = new Dictionary<string, string> { ["site"] = "dc1" },
        };
        await Store.UpsertGroupAsync(rack, default);
        await Store.UpsertGroupAsync(new GroupDefinition { Name = "compute" }, default);

        StoreAssert.Same([new GroupDefinition { Name = "compute" }, rack], await Store.ListGroupsAsync(default));
        var changed = rack with { Description = null, Attributes = new Dictionary<string, string>() };
        await Store.UpsertGroupAsync(changed, default);
        StoreAssert.Same([changed], [(await Store.GetGroupAsync("rack1", default))!]);

        Assert.True(await Store.RemoveGroupAsync("rack1", default));
        Assert.False(await Store.RemoveGroupAsync("rack1", default));
        Assert.Null(await Store.GetGroupAsync("rack1", default));
    }

    [SkippableFact]
    public async Task RemovingAGroupTakesItOutOfEveryNodeAndKeepsTheirOtherGroups()
    {
        await Store.UpsertGroupAsync(new GroupDefinition { Name = "rack1" }, default);
        await Store.UpsertNodesAsync([Node("n1", "a", "rack1", "b")], default);

        Assert.True(await Store.RemoveGroupAsync("rack1", default));

        Assert.Equal(["a", "b"], (await Store.GetNodeAsync("n1", default))!.Groups);
        Assert.True(await Store.RemoveGroupAsync("a", default)); // only named by a node, still removable
        Assert.Equal(["b"], (await Store.GetNodeAsync("n1", default))!.Groups);
    }

    [SkippableFact]
    public async Task AnInvalidGroupIsRefused()
    {
        await Assert.ThrowsAsync<InventoryValidationException>(() =>
            Store.UpsertGroupAsync(new GroupDefinition { Name = "-bad" }, default));
        await Assert.ThrowsAsync<InventoryValidationException>(() =>
            Store.UpsertGroupAsync(new GroupDefinition { Name = "g", Attributes = new Dictionary<string, string> { ["ipmi"] = "x" } }, default));
    }

    // ---- credentials ----

    [SkippableFact]
    public async Task ACredentialIsStoredEncryptedAndReturnedOnlyToTheDriverPath()
    {
        Clock.SetUtcNow(new DateTimeOffset(2025, 4, 1, 8, 30, 0, TimeSpan.Zero));
        var password = "correct horse battery staple"u8.ToArray();

        await Store.SetCredentialAsync("rack1-bmc", "admin", password, default);

        var listed = Assert.Single(await Store.ListCredentialsAsync(default));
        Assert.Equal(new CredentialInfo("rack1-bmc", "admin", Clock.GetUtcNow()), listed);
        var sealedValue = (await Store.GetSealedCredentialAsync("rack1-bmc", default))!;
        Assert.Equal(CredentialProtectorTests.NonceSize, sealedValue.Nonce.Length);
        Assert.Equal(16, sealedValue.Tag.Length);
        Assert.NotEqual(password, sealedValue.Ciphertext);
        Assert.DoesNotContain("horse", Encoding.UTF8.GetString(sealedValue.Ciphertext), StringComparison.Ordinal);

        var found = await Store.GetCredentialAsync("rack1-bmc", default);
        Assert.NotNull(found);
        using var secret = found.Value.Password;
        Assert.Equal("admin", found.Value.UserName);
        Assert.Equal(password, secret.Bytes.ToArray());
        Assert.Null(await Store.GetCredentialAsync("other", default));
    }

    [SkippableFact]
    public async Task SettingACredentialAgainReplacesItWithAFreshNonce()
    {
        await Store.SetCredentialAsync("c", "admin", "one"u8.ToArray(), default);
        var first = (await Store.GetSealedCredentialAsync("c", default))!;
        await Store.SetCredentialAsync("c", "root", "one"u8.ToArray(), default);
        var second = (await Store.GetSealedCredentialAsync("c", default))!;

        Assert.NotEqual(first.Nonce, second.Nonce);
        var found = (await Store.GetCredentialAsync("c", default))!.Value;
        using var secret = found.Password;
        Assert.Equal("root", found.UserName);
        Assert.True(await Store.RemoveCredentialAsync("c", default));
        Assert.False(await Store.RemoveCredentialAsync("c", default));
        Assert.Empty(await Store.ListCredentialsAsync(default));
    }

    [SkippableFact]
    public async Task AnotherKeyCannotDecryptAndTheErrorNamesTheCredentialNotItsBytes()
    {
        await Store.SetCredentialAsync("rack1-bmc", "admin", "hunter2"u8.ToArray(), default);
        var otherServer = await OpenStoreAsync(await TestDatabaseAsync(), NewDirectory()); // a new key file

        var error = await Assert.ThrowsAsync<CredentialDecryptionException>(() => otherServer.GetCredentialAsync("rack1-bmc", default));

        Assert.Equal("rack1-bmc", error.CredentialName);
        Assert.Contains("rack1-bmc", error.Message, StringComparison.Ordinal);
        Assert.Contains("key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ATamperedCiphertextOrTagIsRefused()
    {
        await Store.SetCredentialAsync("c", "admin", "hunter2"u8.ToArray(), default);
        var sealedValue = (await Store.GetSealedCredentialAsync("c", default))!;

        var flippedCipher = sealedValue with { Ciphertext = [.. sealedValue.Ciphertext] };
        flippedCipher.Ciphertext[0] ^= 1;
        await Store.PutSealedCredentialAsync("c", "admin", flippedCipher, default);
        await Assert.ThrowsAsync<CredentialDecryptionException>(() => Store.GetCredentialAsync("c", default));

        var flippedTag = sealedValue with { Tag = [.. sealedValue.Tag] };
        flippedTag.Tag[15] ^= 0x80;
        await Store.PutSealedCredentialAsync("c", "admin", flippedTag, default);
        await Assert.ThrowsAsync<CredentialDecryptionException>(() => Store.GetCredentialAsync("c", default));
    }

    [SkippableFact]
    public async Task ACiphertextMovedToAnotherNameDoesNotDecrypt()
    {
        await Store.SetCredentialAsync("rack1-bmc", "admin", "rack1pass"u8.ToArray(), default);
        await Store.SetCredentialAsync("rack2-bmc", "admin", "rack2pass"u8.ToArray(), default);
        var rack1 = (await Store.GetSealedCredentialAsync("rack1-bmc", default))!;

        await Store.PutSealedCredentialAsync("rack2-bmc", "admin", rack1, default);

        var error = await Assert.ThrowsAsync<CredentialDecryptionException>(() => Store.GetCredentialAsync("rack2-bmc", default));
        Assert.Equal("rack2-bmc", error.CredentialName);
    }

    [SkippableFact]
    public async Task ACredentialWithAnInvalidNameIsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.SetCredentialAsync("bad name", "admin", "x"u8.ToArray(), default));
    }

    // ---- users ----

    [SkippableFact]
    public async Task UsersRoundTripWithGrantsLockoutAndTimes()
    {
        var alice = new UserRecord
        {
            Name = "alice",
            PasswordHash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA",
            Grants = [new RoleGrant(Role.Admin, RoleGrant.Everything), new RoleGrant(Role.Operator, "rack1")],
            FailedLogins = 2,
            LockedUntil = new DateTimeOffset(2025, 3, 1, 12, 5, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567),
            CreatedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        await Store.UpsertUserAsync(alice, default);
        await Store.UpsertUserAsync(new UserRecord { Name = "bob", PasswordHash = "h", Disabled = true }, default);

        var read = await Store.GetUserAsync("alice", default);
        Assert.Equal(alice with { Grants = read!.Grants }, read);
        Assert.Equal(alice.Grants, read.Grants);
        Assert.Equal(["alice", "bob"], (await Store.ListUsersAsync(default)).Select(u => u.Name));
        Assert.True((await Store.GetUserAsync("bob", default))!.Disabled);

        await Store.UpsertUserAsync(alice with { FailedLogins = 0, LockedUntil = null }, default);
        Assert.Null((await Store.GetUserAsync("alice", default))!.LockedUntil);
    }

    [SkippableFact]
    public async Task RemovingAUserRevokesItsTokens()
    {
        await Store.UpsertUserAsync(new UserRecord { Name = "alice", PasswordHash = "h" }, default);
        await Store.AddTokenAsync(Token("t1", "alice"), default);
        await Store.AddTokenAsync(Token("t2", "bob"), default);

        Assert.True(await Store.RemoveUserAsync("alice", default));
        Assert.False(await Store.RemoveUserAsync("alice", default));

        Assert.Null(await Store.GetUserAsync("alice", default));
        Assert.Equal(Clock.GetUtcNow(), (await Store.GetTokenAsync("t1", default))!.RevokedAt);
        Assert.Null((await Store.GetTokenAsync("t2", default))!.RevokedAt);
    }

    // ---- tokens ----

    private TokenRecord Token(string id, string user, string name = "ci") => new()
    {
        Id = id,
        UserName = user,
        Name = name,
        SecretHash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(id)),
        MaxRole = Role.Operator,
        CreatedAt = Clock.GetUtcNow(),
        ExpiresAt = Clock.GetUtcNow().AddDays(30),
    };

    [SkippableFact]
    public async Task TokensRoundTripAndListByUserWithOrWithoutRevoked()
    {
        var t1 = Token("t1", "alice");
        await Store.AddTokenAsync(t1, default);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Store.AddTokenAsync(Token("t2", "alice", "dashboard"), default);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Store.AddTokenAsync(Token("t3", "bob"), default);

        var read = await Store.GetTokenAsync("t1", default);
        Assert.Equal(t1 with { SecretHash = read!.SecretHash }, read);
        Assert.Equal(t1.SecretHash, read.SecretHash);
        Assert.Null(await Store.GetTokenAsync("nope", default));

        Assert.True(await Store.RevokeTokenAsync("t2", Clock.GetUtcNow(), default));
        Assert.Equal(["t1"], (await Store.ListTokensAsync("alice", false, default)).Select(t => t.Id));
        Assert.Equal(["t1", "t2"], (await Store.ListTokensAsync("alice", true, default)).Select(t => t.Id));
        Assert.Equal(["t1", "t3"], (await Store.ListTokensAsync(null, false, default)).Select(t => t.Id));
        Assert.Equal(["t1", "t2", "t3"], (await Store.ListTokensAsync(null, true, default)).Select(t => t.Id));
    }

    [SkippableFact]
    public async Task RevokingKeepsTheFirstTimeAndAnUnknownTokenIsReported()
    {
        await Store.AddTokenAsync(Token("t1", "alice"), default);
        var first = Clock.GetUtcNow();

        Assert.True(await Store.RevokeTokenAsync("t1", first, default));
        Assert.True(await Store.RevokeTokenAsync("t1", first.AddHours(1), default));
        Assert.False(await Store.RevokeTokenAsync("ghost", first, default));

        Assert.Equal(first, (await Store.GetTokenAsync("t1", default))!.RevokedAt);
    }

    [SkippableFact]
    public async Task TouchingATokenRecordsTheLatestUseOnly()
    {
        await Store.AddTokenAsync(Token("t1", "alice"), default);
        var later = Clock.GetUtcNow().AddMinutes(5);

        await Store.TouchTokenAsync("t1", later, default);
        await Store.TouchTokenAsync("t1", later.AddMinutes(-3), default); // a slower server reports an older use
        await Store.TouchTokenAsync("ghost", later, default);

        Assert.Equal(later, (await Store.GetTokenAsync("t1", default))!.LastUsedAt);
    }

    // ---- audit ----

    private AuditEntry Audit(string actor, string action, int minutes, string outcome = "ok") => new()
    {
        Time = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero).AddMinutes(minutes),
        Actor = actor,
        Source = "127.0.0.1",
        Action = action,
        Target = "rack1",
        Outcome = outcome,
        Details = """{"n1":"ok"}""",
    };

    [SkippableFact]
    public async Task AuditEntriesGetIncreasingIdsAndRoundTrip()
    {
        var entry = Audit("alice", "power.on", 0);

        long first = await Store.AppendAuditAsync(entry, default);
        long second = await Store.AppendAuditAsync(Audit("bob", "auth.login", 1, "denied"), default);

        Assert.True(second > first);
        var read = (await Store.QueryAuditAsync(new AuditQuery(), default)).Last();
        Assert.Equal(entry with { Id = first }, read);
    }

    [SkippableFact]
    public async Task AuditQueriesFilterByTimeActorActionAndPageNewestFirst()
    {
        var ids = new List<long>();
        ids.Add(await Store.AppendAuditAsync(Audit("alice", "power.on", 0), default));
        ids.Add(await Store.AppendAuditAsync(Audit("bob", "auth.login", 1), default));
        ids.Add(await Store.AppendAuditAsync(Audit("alice", "power.off", 2), default));
        ids.Add(await Store.AppendAuditAsync(Audit("alice", "nodes.add", 3), default));
        ids.Add(await Store.AppendAuditAsync(Audit("carol", "powerx.test", 4), default));
        var start = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

        async Task<long[]> Query(AuditQuery q) => [.. (await Store.QueryAuditAsync(q, default)).Select(e => e.Id)];

        Assert.Equal(ids.AsEnumerable().Reverse(), await Query(new AuditQuery()));
        Assert.Equal([ids[3], ids[2], ids[0]], await Query(new AuditQuery(Actor: "alice")));
        Assert.Equal([ids[2], ids[0]], await Query(new AuditQuery(ActionPrefix: "power.")));
        Assert.Equal([ids[3], ids[2], ids[1]], await Query(new AuditQuery(Since: start.AddMinutes(1), Until: start.AddMinutes(4))));
        Assert.Equal([ids[4], ids[3]], await Query(new AuditQuery(Limit: 2)));
        Assert.Equal([ids[2], ids[1]], await Query(new AuditQuery(Limit: 2, BeforeId: ids[3])));
        Assert.Equal([ids[2]], await Query(new AuditQuery(Actor: "alice", ActionPrefix: "power.off", Since: start.AddMinutes(1))));
        Assert.Empty(await Query(new AuditQuery(Actor: "nobody")));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Query(new AuditQuery(Limit: 0)));
    }

    // ---- schema ----

    [SkippableFact]
    public async Task MigratingAgainChangesNothing()
    {
        await Store.UpsertNodesAsync([Node("n1")], default);

        await Store.MigrateAsync(default);
        await Store.MigrateAsync(default);

        Assert.Equal(Enumerable.Range(1, SchemaMigrations.Latest), await Store.SchemaVersionsAsync(default));
        Assert.Single(await Store.ListNodesAsync(default));
    }

    [SkippableFact]
    public async Task TwoServersMigratingOneNewDatabaseAtOnceBothSucceed()
    {
        SkipUnlessAvailable();
        string database = await FreshDatabaseAsync();

        var opening = Enumerable.Range(0, 3).Select(_ => OpenStoreAsync(database, NewDirectory())).ToList();
        var stores = await Task.WhenAll(opening).WaitAsync(TimeSpan.FromSeconds(60));

        foreach (var store in stores)
        {
            Assert.Equal(Enumerable.Range(1, SchemaMigrations.Latest), await store.SchemaVersionsAsync(default));
        }

        await stores[0].UpsertNodesAsync([Node("n1")], default);
        Assert.Single(await stores[2].ListNodesAsync(default));
    }

    // ---- scale ----

    [SkippableFact]
    public async Task TenThousandNodesUpsertAndListTimingsArePrinted()
    {
        var nodes = Enumerable.Range(0, 10_000).Select(i => FullNode($"node{i:D5}") with { Groups = ["all", $"rack{i / 40}"] }).ToList();

        var watch = Stopwatch.StartNew();
        await Store.UpsertNodesAsync(nodes, default);
        var upsert = watch.Elapsed;
        watch.Restart();
        var listed = await Store.ListNodesAsync(default);
        var list = watch.Elapsed;
        watch.Restart();
        await Store.ListNodesAsync(default);
        var listAgain = watch.Elapsed;
        watch.Restart();
        await Store.UpsertNodesAsync(nodes, default);
        var again = watch.Elapsed;
        watch.Restart();
        var snapshot = InventorySnapshot.Create(listed, []);
        var build = watch.Elapsed;

        Output.WriteLine($"{Provider}: upsert 10,000 new nodes {upsert.TotalMilliseconds:F0} ms, list {list.TotalMilliseconds:F0} ms (again {listAgain.TotalMilliseconds:F0} ms), " +
            $"upsert them again {again.TotalMilliseconds:F0} ms, snapshot {build.TotalMilliseconds:F0} ms");
        Assert.Equal(10_000, listed.Count);
        Assert.Equal(40, snapshot.GroupMembers("rack7")!.Count);
    }
}
