using System.Globalization;
using BenchmarkDotNet.Running;

namespace Registry.Ingest.Benchmarks;

public static class BenchmarkProgram
{
    /// <summary>
    /// <c>generate COUNT PATH</c> writes a batch file for the end-to-end benchmark (bench-validate.sh);
    /// <c>sftp ENV_FILE REMOTE_FILE [RUNS]</c> times SFTP transfers (bench-sftp.sh);
    /// anything else runs BenchmarkDotNet (e.g. <c>--filter *PipelineBenchmarks*</c>).
    /// </summary>
    public static void Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "generate")
        {
            long bytes = BatchFileGenerator.Write(args[2], int.Parse(args[1], CultureInfo.InvariantCulture));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[2]}: {args[1]} messages, {bytes / 1_000_000.0:F1} MB"));
            return;
        }

        if (args.Length is 3 or 4 && args[0] == "sftp")
        {
            SftpTransferBench.Run(args[1], args[2], args.Length == 4 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
    }
}
