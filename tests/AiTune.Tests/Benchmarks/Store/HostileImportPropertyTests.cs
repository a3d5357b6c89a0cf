using System.Text;
using System.Text.Json.Nodes;
using AiTune.Benchmarks.Store;
using CsCheck;

namespace AiTune.Tests.Benchmarks.Store;

/// <summary>Imports of mangled exports: whatever the file holds, import either stores every run in it (and they
/// load back) or refuses with an <see cref="AiTuneException"/> and stores nothing.</summary>
public class HostileImportPropertyTests
{
    private static readonly byte[] Valid = Encoding.UTF8.GetBytes(Document().ToJsonString());

    /// <summary>Values that break a field in every way JSON can: wrong types, edges of numbers, hostile strings.</summary>
    private static readonly Gen<JsonNode?> Replacement = Gen.OneOf(
        Gen.OneOfConst<JsonNode?>(null, true, 0, -1, 1e308, -0.0, 2147483648L, long.MinValue, "", "\n", "\u0000", "\u202e", "\u001b[2J",
            "1e999", "NaN", "Infinity", new string('x', 5000), "2025-13-45T99:99:99Z", "skipped", "higherIsBetter"),
        Gen.String.Select(s => (JsonNode?)s),
        Gen.Double.Select(d => (JsonNode?)(double.IsFinite(d) ? d : 1.0)),
        Gen.Int.Select(i => (JsonNode?)i),
        Gen.Const(() => (JsonNode?)new JsonObject()),
        Gen.Const(() => (JsonNode?)new JsonArray()));

    [Fact]
    public void Replacing_any_value_stores_all_runs_or_none()
    {
        int leaves = Leaves(Document()).Count;
        Gen.Select(Gen.Int[0, leaves - 1], Replacement).Sample((index, value) =>
        {
            var document = Document();
            var (parent, key) = Leaves(document)[index];
            Put(parent, key, value?.DeepClone());
            ImportsAllOrNothing(Encoding.UTF8.GetBytes(document.ToJsonString()));
        }, iter: 400);
    }

    [Fact]
    public void Removing_any_property_stores_all_runs_or_none()
    {
        int properties = Properties(Document()).Count;
        Gen.Int[0, properties - 1].Sample(index =>
        {
            var document = Document();
            var (parent, key) = Properties(document)[index];
            parent.Remove(key);
            ImportsAllOrNothing(Encoding.UTF8.GetBytes(document.ToJsonString()));
        }, iter: 200);
    }

    [Fact]
    public void Cutting_splicing_and_flipping_bytes_stores_all_runs_or_none()
    {
        Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Int[0, 64], Gen.Byte.Array[0, 16]).Sample((at, cut, insert) =>
        {
            var bytes = Valid.Take(at).Concat(insert).Concat(Valid.Skip(Math.Min(Valid.Length, at + cut))).ToArray();
            ImportsAllOrNothing(bytes);
        }, iter: 400);
    }

    private static void ImportsAllOrNothing(byte[] bytes)
    {
        using var scratch = new ScratchDirectory();
        using var store = ResultStore.Open(scratch.File("results.db"));
        IReadOnlyList<long> ids;
        try
        {
            ids = store.SaveAll(BenchmarkRunsDocument.Parse(bytes, "runs.json").Runs).Select(s => s.Id).ToList();
        }
        catch (AiTuneException e)
        {
            Assert.Contains("runs.json", e.Message);
            Assert.Empty(store.List());
            return;
        }

        Assert.Equal(ids, store.List().Select(r => r.Id).Order());
        foreach (var id in ids)
        {
            Assert.Equal(id, store.Load(id).Id);
        }
    }

    /// <summary>Two runs, so that a broken second run shows whether the first was stored anyway.</summary>
    private static JsonNode Document() => JsonNode.Parse(BenchmarkRunsDocument.Of(
        [ResultStoreTests.Simple("first"), BenchmarkRunSamples.Realistic()]).ToUtf8Json())!;

    /// <summary>Every value in the tree with the container and key (property name or index) that hold it.</summary>
    private static List<(JsonNode Parent, object Key)> Leaves(JsonNode root)
    {
        var found = new List<(JsonNode, object)>();
        void Walk(JsonNode node)
        {
            if (node is JsonObject obj)
            {
                foreach (var (name, child) in obj.ToList())
                {
                    found.Add((obj, name));
                    if (child is not null)
                    {
                        Walk(child);
                    }
                }
            }
            else if (node is JsonArray array)
            {
                for (int i = 0; i < array.Count; i++)
                {
                    found.Add((array, i));
                    if (array[i] is { } child)
                    {
                        Walk(child);
                    }
                }
            }
        }

        Walk(root);
        return found;
    }

    private static List<(JsonObject Parent, string Key)> Properties(JsonNode root) =>
        Leaves(root).Where(l => l.Parent is JsonObject).Select(l => ((JsonObject)l.Parent, (string)l.Key)).ToList();

    private static void Put(JsonNode parent, object key, JsonNode? value)
    {
        if (key is int index)
        {
            parent.AsArray()[index] = value;
        }
        else
        {
            parent.AsObject()[(string)key] = value;
        }
    }
}
