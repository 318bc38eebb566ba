using System.Globalization;

namespace TfLessons.Plots;

/// <summary>
/// A notebook's printed number beside the published one, with a verdict: "match" within a relative tolerance,
/// "DIFFERS" otherwise (the notebook tests look for these words).
/// </summary>
public static class PublishedCheck
{
    public static bool Print(
        string quantity,
        double ours,
        double published,
        double tolerance,
        TextWriter? output = null
    )
    {
        output ??= Console.Out;
        double d = ours - published;
        bool ok = ours.Equals(published) || Math.Abs(d) <= tolerance * Math.Max(1, Math.Abs(published));
        string diff = double.IsFinite(d) ? d.ToString("0.0e+0", CultureInfo.InvariantCulture) : "0";
        output.WriteLine(
            $"{quantity,-28} published {PyFormat.Repr(published),-22} ours "
                + $"{PyFormat.Repr(ours),-22} difference {diff,-9} {(ok ? "match" : "DIFFERS")}"
        );
        return ok;
    }
}
