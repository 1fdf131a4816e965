using System.Diagnostics;
using Registry.Ingest.Tests.Support;

namespace Registry.Ingest.EndToEnd.Support;

/// <summary>
/// Batch files of typical VXUs written by the benchmark program (<c>Registry.Ingest.Benchmarks generate COUNT PATH</c>):
/// one distinct patient and vaccination per message, every message accepted.
/// </summary>
internal static class GeneratedBatch
{
    /// <summary>Big enough that a kill or a stop lands mid-file: the database needs seconds for it.</summary>
    public const int BigMessageCount = 20_000;

    private static readonly Lazy<byte[]> Big = new(() => Generate(BigMessageCount));

    /// <summary>The big file, generated once per run.</summary>
    public static byte[] BigFile => Big.Value;

    public static byte[] Generate(int messages)
    {
        using var folder = TempFolder.ForCaller();
        var path = folder.Combine("batch.txt");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuiltProgram.Path("tests", "Registry.Ingest.Benchmarks", "Registry.Ingest.Benchmarks.dll"));
        start.ArgumentList.Add("generate");
        start.ArgumentList.Add(messages.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(Eventually.Patience) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The batch generator failed:\n{output}{error.Result}");
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>Cuts a CR-terminated batch just before MSH segments, into pieces of about equal message counts.</summary>
    public static List<byte[]> SplitAtMessages(byte[] batch, int pieces)
    {
        var starts = new List<int>();
        for (int i = 1; i + 4 <= batch.Length; i++)
        {
            if (batch[i - 1] == '\r' && batch[i] == 'M' && batch[i + 1] == 'S' && batch[i + 2] == 'H' && batch[i + 3] == '|')
            {
                starts.Add(i);
            }
        }

        var cuts = Enumerable.Range(1, pieces - 1).Select(p => starts[p * starts.Count / pieces]).Prepend(0).Append(batch.Length).ToList();
        return cuts.Zip(cuts.Skip(1)).Select(c => batch[c.First..c.Second]).ToList();
    }
}
