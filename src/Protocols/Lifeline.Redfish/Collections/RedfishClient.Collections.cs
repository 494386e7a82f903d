using System.Runtime.CompilerServices;
using System.Text.Json;
using Lifeline.Redfish.Json;
using Lifeline.Redfish.Resources;

namespace Lifeline.Redfish;

// Resource collections (DSP0266 v1.20 clause "Resource collections"): Members, paged by Members@odata.nextLink. A
// service that loops its nextLink, or never ends, is cut off by a visited set and the page/member caps. $expand
// (clause "Query parameters") is used only when ProtocolFeaturesSupported.ExpandQuery says so, and dropped for the
// life of the client the first time the service refuses it (the DMTF mockups claim it; a static server cannot).
public sealed partial class RedfishClient
{
    private int _expandRefused;

    /// <summary>The <c>@odata.id</c> of every member, following nextLink pages.</summary>
    public async IAsyncEnumerable<string> GetMemberLinksAsync(string collectionPath, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var member in GetMemberElementsAsync(collectionPath, expand: false, ct).ConfigureAwait(false))
        {
            if (member.ValueKind == JsonValueKind.Object && member.TryGetProperty("@odata.id", out var id) && id.ValueKind == JsonValueKind.String
                && id.GetString() is { Length: > 0 } link)
            {
                yield return link;
            }
            else
            {
                throw RedfishException.Malformed($"{collectionPath}: a member without @odata.id");
            }
        }
    }

    /// <summary>
    /// Every member as <typeparamref name="T"/>: expanded in one request when the service supports it, else one GET per
    /// member. Members whose link is dangling (404) are skipped when <paramref name="skipMissing"/>.
    /// </summary>
    public async IAsyncEnumerable<T> GetMembersAsync<T>(string collectionPath, bool skipMissing = true,
        [EnumeratorCancellation] CancellationToken ct = default)
        where T : RedfishResource
    {
        var expand = await CanExpandAsync(ct).ConfigureAwait(false);
        if (expand)
        {
            List<JsonElement>? expanded = null;
            try
            {
                expanded = [];
                await foreach (var m in GetMemberElementsAsync(collectionPath, expand: true, ct).ConfigureAwait(false))
                {
                    expanded.Add(m);
                }
            }
            catch (RedfishException e) when (e.Error == RedfishError.Rejected && e.StatusCode is 400 or 403 or 404 or 405 or 500 or 501)
            {
                // A 404 may be the collection itself missing: fall back this once without giving up $expand.
                if (e.StatusCode != 404)
                {
                    Interlocked.Exchange(ref _expandRefused, 1);
                    Log.ExpandRefused(_log, e.StatusCode ?? 0);
                }
                expanded = null;
            }
            if (expanded is not null && expanded.TrueForAll(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("@odata.type", out _)))
            {
                foreach (var m in expanded)
                {
                    yield return RedfishJson.Deserialize<T>(System.Text.Encoding.UTF8.GetBytes(m.GetRawText()), $"{collectionPath} (expanded member)");
                }
                yield break;
            }
        }
        await foreach (var member in GetMemberElementsAsync(collectionPath, expand: false, ct).ConfigureAwait(false))
        {
            // Some services (bmcweb log entries) put whole members inline without being asked: use them as they are.
            if (member.ValueKind == JsonValueKind.Object && member.TryGetProperty("@odata.type", out _))
            {
                yield return RedfishJson.Deserialize<T>(System.Text.Encoding.UTF8.GetBytes(member.GetRawText()), $"{collectionPath} (inline member)");
                continue;
            }
            var link = member.ValueKind == JsonValueKind.Object && member.TryGetProperty("@odata.id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
            if (string.IsNullOrEmpty(link))
            {
                throw RedfishException.Malformed($"{collectionPath}: a member without @odata.id");
            }
            T? item;
            try
            {
                item = await GetAsync<T>(link, ct).ConfigureAwait(false);
            }
            catch (RedfishException e) when (skipMissing && e.StatusCode == 404)
            {
                item = null;
            }
            if (item is not null)
            {
                yield return item;
            }
        }
    }

    private async Task<bool> CanExpandAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _expandRefused) != 0)
        {
            return false;
        }
        var root = await GetServiceRootAsync(ct).ConfigureAwait(false);
        return root.ProtocolFeaturesSupported?.ExpandQuery is { } q && (q.Levels == true || q.ExpandAll == true);
    }

    private async IAsyncEnumerable<JsonElement> GetMemberElementsAsync(string collectionPath, bool expand,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        string? next = expand ? collectionPath + (collectionPath.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "$expand=.($levels=1)" : collectionPath;
        var pages = 0;
        var members = 0;
        while (next is not null)
        {
            var uri = Resolve(next);
            if (!visited.Add(uri.PathAndQuery))
            {
                throw RedfishException.Malformed($"{collectionPath}: Members@odata.nextLink loops back to {uri.PathAndQuery}");
            }
            if (++pages > _options.MaxCollectionPages)
            {
                throw RedfishException.Malformed($"{collectionPath}: more than {_options.MaxCollectionPages} pages");
            }
            var page = await GetAsync<ResourceCollection>(uri.PathAndQuery, ct).ConfigureAwait(false);
            if (page.Members is null)
            {
                throw RedfishException.Malformed($"{collectionPath}: not a collection (no Members)");
            }
            foreach (var m in page.Members)
            {
                if (++members > _options.MaxCollectionMembers)
                {
                    throw RedfishException.Malformed($"{collectionPath}: more than {_options.MaxCollectionMembers} members");
                }
                yield return m;
            }
            next = page.NextLink;
        }
    }
}
