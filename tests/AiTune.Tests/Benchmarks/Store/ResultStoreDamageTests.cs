using AiTune.Benchmarks.Store;

namespace AiTune.Tests.Benchmarks.Store;

/// <summary>A file at the database path that is not a healthy aitune results database gets a clear error and is
/// left exactly as it was: never repaired, recreated or written over.</summary>
public class ResultStoreDamageTests
{
    [Fact]
    public void Random_bytes_are_refused_and_left_untouched()
    {
        var bytes = new byte[8192];
        new Random(7).NextBytes(bytes);
        var error = RefusedAndUntouched(bytes);
        Assert.Contains("is damaged or not a database", error.Message);
        Assert.Contains(".recover", error.Hint);
    }

    [Fact]
    public void A_short_text_file_is_refused_and_left_untouched()
    {
        var error = RefusedAndUntouched("label,value\nbefore,3.2\n"u8.ToArray());
        Assert.Contains("is damaged or not a database", error.Message);
    }

    [Fact]
    public void A_truncated_results_database_is_refused_and_left_untouched()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("full.db");
        using (var store = ResultStore.Open(path))
        {
            for (int i = 0; i < 40; i++)
            {
                store.Save(BenchmarkRunSamples.Realistic($"run {i}"));
            }
        }

        var whole = File.ReadAllBytes(path);
        Assert.True(whole.Length > 16 * 4096);
        var error = RefusedAndUntouched(whole[..(whole.Length / 2)]);
        Assert.Contains("is damaged or not a database", error.Message);
    }

    [Fact]
    public void Another_applications_sqlite_database_is_refused_and_left_untouched()
    {
        var error = RefusedAndUntouched(Database("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('ada');"));
        Assert.Contains("is an SQLite database of another application (application_id 0)", error.Message);
        Assert.Contains("pass --db", error.Hint);
    }

    [Fact]
    public void A_results_database_of_a_newer_schema_is_refused_and_left_untouched()
    {
        var error = RefusedAndUntouched(ResultsDatabase("PRAGMA user_version = 3"));
        Assert.Contains("has schema version 3; this aitune reads version 2", error.Message);
        Assert.Contains("newer aitune", error.Hint);
    }

    [Fact]
    public void A_results_database_without_a_schema_version_is_refused_and_left_untouched()
    {
        var error = RefusedAndUntouched(ResultsDatabase("PRAGMA user_version = 0"));
        Assert.Contains("schema version 0", error.Message);
    }

    [Fact]
    public void A_directory_at_the_path_is_refused()
    {
        using var scratch = new ScratchDirectory();
        var error = Assert.Throws<AiTuneException>(() => ResultStore.Open(scratch.Path));
        Assert.Contains("is a directory", error.Message);
    }

    [Fact]
    public void An_empty_file_holds_no_data_and_becomes_a_new_database()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("results.db");
        File.WriteAllBytes(path, []);
        using var store = ResultStore.Open(path);
        long id = store.Save(ResultStoreTests.Simple("first"));
        Assert.Equal("first", store.Load(id).Label);
    }

    /// <summary>Writes <paramref name="content"/> as the database, opens it, and checks that the open failed with
    /// an <see cref="AiTuneException"/> and that neither the file nor its directory changed.</summary>
    private static AiTuneException RefusedAndUntouched(byte[] content)
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("results.db");
        File.WriteAllBytes(path, content);
        var written = File.GetLastWriteTimeUtc(path);

        var error = Assert.Throws<AiTuneException>(() => ResultStore.Open(path));

        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Equal(["results.db"], Directory.GetFiles(scratch.Path).Select(Path.GetFileName));
        Assert.Contains(path, error.Message);
        return error;
    }

    /// <summary>The bytes of an SQLite database made by <paramref name="sql"/> (not by aitune).</summary>
    private static byte[] Database(string sql)
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("other.db");
        File.WriteAllBytes(path, []);
        using (var connection = ResultStoreTests.RawConnection(path, readOnly: false))
        {
            ResultStoreTests.Execute(connection, sql);
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>The bytes of an aitune results database holding one run, then changed by <paramref name="sql"/>.</summary>
    private static byte[] ResultsDatabase(string sql)
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("results.db");
        using (var store = ResultStore.Open(path))
        {
            store.Save(ResultStoreTests.Simple("kept"));
        }

        using (var connection = ResultStoreTests.RawConnection(path, readOnly: false))
        {
            ResultStoreTests.Execute(connection, sql);
        }

        return File.ReadAllBytes(path);
    }
}
