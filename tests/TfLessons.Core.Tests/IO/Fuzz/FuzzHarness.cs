namespace TfLessons.IO.Tests.Fuzz;

/// <summary>
/// Runs fuzz cases and collects violations: an exception outside the documented set, an error whose
/// message does not name the file, or a case allocating more than the ceiling.
/// </summary>
internal sealed class FuzzHarness(string parser)
{
    /// <summary>Per-case allocation ceiling; every base input is well under 1 MB, so a parse that sizes a
    /// buffer from a corrupt length field goes over it, while honest parses stay far below.</summary>
    public const long AllocationCeiling = 64L << 20;

    /// <summary>Environment variable multiplying the case counts for longer runs outside CI (default 3).</summary>
    public const string ScaleVariable = "TFLESSONS_FUZZ_SCALE";

    private static readonly int Scale =
        int.TryParse(Environment.GetEnvironmentVariable(ScaleVariable), out int s) && s > 0 ? s : 3;

    /// <summary>Environment variable offsetting every seed, for fresh campaigns outside CI (default 0).</summary>
    public const string SeedVariable = "TFLESSONS_FUZZ_SEED";

    private static readonly int SeedOffset =
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out int o) ? o : 0;

    private readonly List<string> _violations = [];

    /// <summary>A test's base seed offset by <see cref="SeedVariable"/> (reported in every violation).</summary>
    public static int Seed(int baseSeed) => unchecked(baseSeed + (SeedOffset * 7919));

    /// <summary>A case count scaled by <see cref="ScaleVariable"/>.</summary>
    public static int Scaled(int count) => count * Scale;

    public int Cases { get; private set; }

    public int Parsed { get; private set; }

    public int Rejected { get; private set; }

    /// <summary>Messages of rejected cases, for asserting that mutations reach past the checksums.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Runs one case; <paramref name="token"/> is a string the case's file name contains.</summary>
    public void Run(string caseName, string token, Action parse, bool mustParse = false)
    {
        Cases++;
        long before = GC.GetAllocatedBytesForCurrentThread();
        Exception? error = null;
        try
        {
            parse();
        }
        catch (Exception e)
        {
            error = e;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > AllocationCeiling)
        {
            _violations.Add(
                $"{caseName}: allocated {allocated:N0} bytes (ceiling "
                    + $"{AllocationCeiling:N0}); outcome {error?.GetType().Name ?? "parsed"}"
            );
        }
        if (error is null)
        {
            Parsed++;
            return;
        }
        Rejected++;
        Errors.Add(error.Message);
        if (mustParse)
        {
            _violations.Add($"{caseName}: unmodified input rejected: {error}");
        }
        else if (!IsDocumented(error))
        {
            _violations.Add($"{caseName}: undocumented {error.GetType().FullName}: {error}");
        }
        else if (!error.Message.Contains(token, StringComparison.Ordinal))
        {
            _violations.Add(
                $"{caseName}: {error.GetType().Name} message does not name the file ('{token}'): {error.Message}"
            );
        }
    }

    public string Summary => $"{parser}: {Cases} cases, {Parsed} parsed, {Rejected} rejected with documented errors";

    /// <summary>Fails with the first violations, if any.</summary>
    public void AssertClean()
    {
        Assert.True(Cases > 0, $"{parser}: no cases ran");
        Assert.True(
            _violations.Count == 0,
            $"{parser} (seed offset {SeedOffset}, scale {Scale}): "
                + $"{_violations.Count} of {Cases} cases violated the contract:\n"
                + string.Join("\n", _violations.Take(12))
        );
    }

    /// <summary>Asserts that some rejections came from past the checksums (so repaired mutations reach the inner
    /// parser).</summary>
    public void AssertSomeRejectedBeyondChecksums()
    {
        Assert.Contains(Errors, m => !m.Contains("checksum", StringComparison.OrdinalIgnoreCase)
                                     && !m.Contains("crc", StringComparison.OrdinalIgnoreCase));
    }

    // The documented error types (what the CLI and the library's docs promise), minus the argument-checking
    // subclasses that only a bug inside a parser would throw.
    public static bool IsDocumented(Exception e) => e switch
    {
        ArgumentOutOfRangeException or ArgumentNullException => false,
        InvalidDataException or IOException or ArgumentException or NotSupportedException => true,
        _ => false,
    };
}
