using Lifeline.Drivers;
using Lifeline.Cli.Backend;

namespace Lifeline.Cli.Output;

/// <summary>The views of the Redfish-only verbs (firmware, bios).</summary>
public static class RedfishResultViews
{
    public static readonly IResultView<FirmwareListResult> FirmwareList = new FirmwareListView();
    public static readonly IResultView<FirmwareUpdateResult> FirmwareUpdate = new FirmwareUpdateView();

    /// <summary>The view of <c>bios get</c>, showing only <paramref name="attribute"/> when given.</summary>
    public static IResultView<BiosResult> Bios(string? attribute) => new BiosView(attribute);

    private sealed class FirmwareListView : IResultView<FirmwareListResult>
    {
        public bool IsBlock(FirmwareListResult value) => value.Components.Count > 0;

        public IReadOnlyList<string> Lines(FirmwareListResult value) => value.Components.Count == 0
            ? ["no firmware inventory"]
            : value.Components.Select(c =>
                $"{c.Id}: {c.Version ?? "?"}{(c.Name is { } n && n != c.Id ? $" ({n})" : "")}{(c.Updateable == true ? ", updateable" : "")}").ToArray();

        public NodeLine Json(FirmwareListResult? value) => new FirmwareLine { Firmware = value?.Components };
    }

    private sealed class FirmwareUpdateView : IResultView<FirmwareUpdateResult>
    {
        public IReadOnlyList<string> Lines(FirmwareUpdateResult value) =>
        [
            $"update {value.State}{(value.PercentComplete is { } p ? $" ({p}%)" : "")}{(value.Message is { Length: > 0 } m ? $": {m}" : "")}",
        ];

        public NodeLine Json(FirmwareUpdateResult? value) => new FirmwareUpdateLine { Update = value };
    }

    private sealed class BiosView(string? attribute) : IResultView<BiosResult>
    {
        private BiosResult Filter(BiosResult value) => attribute is null
            ? value
            : new BiosResult(
                value.Attributes.Where(kv => kv.Key == attribute).ToDictionary(),
                value.Pending.Where(kv => kv.Key == attribute).ToDictionary());

        public bool IsBlock(BiosResult value) => attribute is null && value.Attributes.Count > 0;

        public IReadOnlyList<string> Lines(BiosResult value)
        {
            var shown = Filter(value);
            if (shown.Attributes.Count == 0 && shown.Pending.Count == 0)
            {
                return [attribute is null ? "no BIOS attributes" : $"no BIOS attribute {attribute}"];
            }

            var names = shown.Attributes.Keys.Union(shown.Pending.Keys).Order(StringComparer.Ordinal);
            return names.Select(n =>
            {
                var now = shown.Attributes.TryGetValue(n, out var v) ? v : "?";
                var pending = shown.Pending.TryGetValue(n, out var p) ? $" (pending: {p} at the next reset)" : "";
                return attribute is null ? $"{n}: {now}{pending}" : $"{now}{pending}";
            }).ToArray();
        }

        public NodeLine Json(BiosResult? value) => new BiosLine { Bios = value is null ? null : Filter(value) };
    }
}
