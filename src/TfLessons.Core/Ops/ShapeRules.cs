namespace TfLessons.Ops;

/// <summary>Shape rules shared by op families, with TensorFlow's error messages.</summary>
internal static class ShapeRules
{
    public static Shape[] Unchanged(Operation op, Shape[] inputs) => [inputs[0]];

    public static Shape[] Scalar(Operation op, Shape[] inputs) => [Shape.Scalar];

    public static Shape[] None(Operation op, Shape[] inputs) => [];

    /// <summary>Unchanged shape, with every input required to agree (merged).</summary>
    public static Shape[] SameAsAll(Operation op, Shape[] inputs)
    {
        Shape merged = inputs[0];
        for (int i = 1; i < inputs.Length; i++)
        {
            if (!merged.IsCompatibleWith(inputs[i]))
            {
                Shape other = inputs[i];
                if (merged.IsUnknownRank || other.IsUnknownRank || merged.Rank != other.Rank)
                    throw ShapeError(op, $"Shapes must be equal rank, but are {RankText(merged)} and {RankText(other)}", inputs);
                int axis = Enumerable.Range(0, merged.Rank).First(a => merged[a] != -1 && other[a] != -1 && merged[a] != other[a]);
                throw ShapeError(op, $"Dimension {axis} in both shapes must be equal, but are {merged[axis]} and {other[axis]}", inputs);
            }
            merged = merged.MergeWith(inputs[i]);
        }
        return [merged];
    }

    /// <summary>NumPy broadcasting of two shapes.</summary>
    public static Shape[] Broadcast(Operation op, Shape[] inputs) => [BroadcastShapes(op, inputs[0], inputs[1], inputs)];

    public static Shape BroadcastShapes(Operation op, Shape x, Shape y, Shape[] all)
    {
        if (x.IsUnknownRank || y.IsUnknownRank) return Shape.Unknown;
        int rank = Math.Max(x.Rank, y.Rank);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int a = i < rank - x.Rank ? 1 : x[i - (rank - x.Rank)];
            int b = i < rank - y.Rank ? 1 : y[i - (rank - y.Rank)];
            if (a == 1) dims[i] = b;
            else if (b == 1) dims[i] = a;
            else if (a == -1) dims[i] = b;
            else if (b == -1) dims[i] = a;
            else if (a == b) dims[i] = a;
            else throw ShapeError(op, $"Dimensions must be equal, but are {a} and {b}", all);
        }
        return new Shape(dims);
    }

    public static ArgumentException ShapeError(Operation op, string what, Shape[] inputs) =>
        new($"{what} for '{op.Name}' (op: '{op.Type}') with input shapes: {string.Join(", ", inputs.Select(s => s.ToListString()))}.");

    private static string RankText(Shape s) => s.IsUnknownRank ? "?" : s.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
