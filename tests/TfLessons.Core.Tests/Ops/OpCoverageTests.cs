using TfLessons.Ops;

namespace TfLessons.Tests.Ops;

/// <summary>Every registered op either has a row in the op table or is listed here with the tests that cover it instead.</summary>
public class OpCoverageTests
{
    private static readonly Dictionary<string, string> CoveredElsewhere = new()
    {
        ["Const"] = "every row (constants); SessionTests",
        ["Placeholder"] = "every row; SessionTests (unfed and wrong feeds)",
        ["VariableV2"] = "SessionTests, OptimizerTests, SaverTests",
        ["Assign"] = "SessionTests, SaverTests",
        ["AssignAdd"] = "SessionTests (control dependencies)",
        ["AssignSub"] = "OptimizerTests via Variable.assign_sub",
        ["NoOp"] = "SessionTests (tf.group)",
        ["ApplyGradientDescent"] = "OptimizerTests, W5LessonTests",
        ["ApplyMomentum"] = "OptimizerTests",
        ["ApplyRMSProp"] = "OptimizerTests",
        ["ApplyAdam"] = "OptimizerTests",
        // Registered by the course assembly through CustomOps when it is used (present only after that in a process).
        ["ApplyCourseMomentum"] = "CourseOpTests (course formula, float32/float64, no gradient), OptimizerTests (course values)",
        ["ApplyCourseAdam"] = "CourseOpTests (course formula, float32/float64, no gradient), OptimizerTests (course values)",
        ["AssignMovingAverage"] = "BatchNormTests (moving averages)",
        ["RandomUniform"] = "GraphRandomTests, TfRandomTests (published TensorFlow values)",
        ["RandomStandardNormal"] = "GraphRandomTests (TensorFlow docstring values)",
        ["TruncatedNormal"] = "TfRandomTests",
        ["RandomUniformLike"] = "ClassifierLessonTests (dropout)",
        ["ScalarSummary"] = "SummaryTests",
        ["HistogramSummary"] = "SummaryTests",
        ["MergeSummary"] = "SummaryTests",
        ["NotEqual"] = "shares the comparison kernel with Equal/Greater/LessEqual rows",
        ["GreaterEqual"] = "shares the comparison kernel; Maximum's gradient row",
        ["Less"] = "shares the comparison kernel with Equal/Greater/LessEqual rows",
        ["Range"] = "GraphOpsTests",
        ["Prod.dynamic"] = "GraphOpsTests; FixtureGraphTests (MNIST gradient subgraph)",
        ["Tile.dynamic"] = "FixtureGraphTests (the gradients of Sum and Mean in the TF 1.0-1.11 graphs)",
        ["DynamicStitch"] = "GraphOpsTests",
        ["BroadcastGradientArgs"] = "GraphOpsTests",
        ["Slice"] = "GraphOpsTests",
        ["Fill.dynamic"] = "FixtureGraphTests",
        ["Sum.dynamic"] = "FixtureGraphTests",
        ["Mean.dynamic"] = "FixtureGraphTests",
        ["IsVariableInitialized"] = "GraphOpsTests",
        ["SaveV2"] = "GraphRoundTripTests (the exported save/restore nodes restore), FixtureGraphTests (TF 1.2 save/restore_all)",
        ["RestoreV2"] = "GraphRoundTripTests, FixtureGraphTests (TF 1.2 save/restore_all)",
        ["MergeV2Checkpoints"] = "GraphRoundTripTests (the exported saver graph runs save)",
        ["StringJoin"] = "GraphOpsTests (string ops)",
        ["ShardedFilename"] = "GraphOpsTests (string ops)",
        ["TestNoGradient"] = "registered by SessionTests to exercise the missing-gradient error",
        ["TestCube"] = "registered by CustomOpTests through the public API (forward and gradient)",
    };

    [Fact]
    public void Every_op_has_a_table_row_or_a_named_test()
    {
        var exercised = new HashSet<string>();
        foreach (OpCase c in OpTable.Rows)
        {
            var g = new Graph();
            using var _ = g.as_default();
            Tensor[] xs = c.Shapes.Select((s, i) => tf.placeholder(DType.Float64, new Shape(s), $"x{i}")).ToArray();
            Tensor y = c.Build(xs);
            exercised.Add(y.Op.Type);
            if (c.Differentiable)
            {
                foreach (Operation op in g.Operations) exercised.Add(op.Type);
                int before = g.Operations.Count;
                tf.gradients(tf.reduce_sum(y), xs);
                foreach (Operation op in g.Operations.Skip(before)) exercised.Add(op.Type);
            }
        }
        var missing = OpRegistry.Types.Where(t => !exercised.Contains(t) && !CoveredElsewhere.ContainsKey(t)).Order().ToList();
        Assert.True(missing.Count == 0, $"ops with neither an op-table row nor a named test: {string.Join(", ", missing)}");
    }
}
