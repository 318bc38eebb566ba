using System.Security.Cryptography;
using System.Text;

namespace TfLessons.Cli;

/// <summary>
/// Where panda-mode trial checkpoints live: keyed by the storage and the study's id, never a shared temporary folder
/// named after the study alone (a second study of the same name would restore the first one's checkpoints).
/// </summary>
public static class TrialCheckpoints
{
    /// <summary>
    /// Beside a SQLite study (<c>FILE.db.trials/STUDY-ID</c>); for a server storage, a per-user folder named by a hash
    /// of
    /// the storage URL, then the study id.
    /// </summary>
    public static string DefaultRoot(string url, int studyId)
    {
        if (SqlitePath(url) is string file)
            return Path.Combine(
                Path.GetFullPath(file) + ".trials",
                studyId.ToString(System.Globalization.CultureInfo.InvariantCulture)
            );
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16];
        string home = Environment.GetFolderPath(
            Environment.SpecialFolder.LocalApplicationData,
            Environment.SpecialFolderOption.Create
        );
        return Path.Combine(
            home,
            "tfl",
            "search-trials",
            hash,
            studyId.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
    }

    /// <summary>What a checkpoint records as its writer's storage and study: the URL without a password, and the study
    /// id.</summary>
    public static string Owner(string url, int studyId)
    {
        string safe = System.Text.RegularExpressions.Regex.Replace(url, @"(?<=://[^:/@]+):[^@]*@", "@");
        return $"{safe}#study-{studyId}";
    }

    /// <summary>The file of a <c>sqlite:///</c> URL (query string dropped), else null.</summary>
    public static string? SqlitePath(string url)
    {
        if (!url.StartsWith("sqlite:///", StringComparison.OrdinalIgnoreCase)) return null;
        string path = url["sqlite:///".Length..];
        int query = path.IndexOf('?');
        return query >= 0 ? path[..query] : path;
    }
}
