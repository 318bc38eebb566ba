using System.Globalization;

namespace TfLessons.Course;

/// <summary>Reader for the generated course data sets (<c>x1,x2,...,y</c> with a header line).</summary>
public static class CsvDataset
{
    /// <summary>
    /// Reads a CSV whose first line is a header and whose last column is an integer label.
    /// Floats are parsed with the invariant culture; .NET's parser is correctly rounded, so the
    /// Python-repr values in the files come back bit for bit.
    /// </summary>
    /// <param name="path">CSV file path.</param>
    /// <returns>Features as n x (columns - 1) row-major, labels, and the feature count.</returns>
    /// <exception cref="InvalidDataException">Missing header, ragged rows or unparsable numbers (message names file and
    /// line).</exception>
    public static (double[] X, long[] y, int Features) LoadXY(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new InvalidDataException($"{path}: empty file, expected a header line such as 'x1,x2,y'.");
        }
        int columns = header.Split(',').Length;
        if (columns < 2)
        {
            throw new InvalidDataException($"{path}: header '{header}' has fewer than two columns.");
        }

        var x = new List<double>();
        var y = new List<long>();
        int lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }
            string[] parts = line.Split(',');
            if (parts.Length != columns)
            {
                throw new InvalidDataException($"{path}, line {lineNo}: {parts.Length} columns, header has {columns}.");
            }
            for (int c = 0; c < columns - 1; c++)
            {
                if (!double.TryParse(parts[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                {
                    throw new InvalidDataException($"{path}, line {lineNo}: '{parts[c]}' is not a number.");
                }
                x.Add(v);
            }
            if (!long.TryParse(parts[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long label))
            {
                throw new InvalidDataException($"{path}, line {lineNo}: label '{parts[^1]}' is not an integer.");
            }
            y.Add(label);
        }
        return (x.ToArray(), y.ToArray(), columns - 1);
    }
}
