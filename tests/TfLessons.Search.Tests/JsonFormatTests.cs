using System.Text.Json.Nodes;
using Xunit;

namespace TfLessons.Search.Tests;

public sealed class JsonFormatTests
{
    // Expected strings are Python 3.11's repr(float) for the same doubles.
    [Theory]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(1.0, "1.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1.5e-300, "1.5e-300")]
    [InlineData(6.02214076e23, "6.02214076e+23")]
    [InlineData(0.999, "0.999")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NaN, "NaN")]
    public void FloatsFormatLikePythonRepr(double value, string expected) =>
        Assert.Equal(expected, PyJson.FormatFloat(value));

    [Fact]
    public void DistributionsSerialiseExactlyAsOptuna31()
    {
        // Captured from Optuna 3.1.0's distribution_to_json.
        Assert.Equal(
            "{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": "
                + "null, \"low\": 0.0001, \"high\": 1.0, \"log\": true}}",
            SpaceParser.ParseOne("lr=log:1e-4:1").ToDistribution().ToJson()
        );
        Assert.Equal(
            "{\"name\": \"FloatDistribution\", \"attributes\": {\"step\": "
                + "null, \"low\": 0.9, \"high\": 0.999, \"log\": false}}",
            SpaceParser.ParseOne("beta=oneminuslog:0.9:0.999").ToDistribution().ToJson()
        );
        Assert.Equal(
            "{\"name\": \"IntDistribution\", \"attributes\": {\"log\": false, \"step\": 1, \"low\": 5, \"high\": 50}}",
            SpaceParser.ParseOne("hidden=int:5:50").ToDistribution().ToJson()
        );
        Assert.Equal(
            "{\"name\": \"IntDistribution\", \"attributes\": {\"log\": true, \"step\": 1, \"low\": 16, \"high\": 256}}",
            SpaceParser.ParseOne("batch=pow2:16:256").ToDistribution().ToJson()
        );
        Assert.Equal(
            "{\"name\": \"CategoricalDistribution\", \"attributes\": {\"choices\": [\"adam\", \"momentum\", \"gd\"]}}",
            SpaceParser.ParseOne("opt=cat:adam,momentum,gd").ToDistribution().ToJson()
        );
    }

    [Fact]
    public void DistributionJsonRoundTripsIncludingLegacyNames()
    {
        foreach (var p in SpaceTests.Full())
        {
            var json = p.ToDistribution().ToJson();
            Assert.Equal(json, Distribution.FromJson(json).ToJson());
        }
        var legacy = Distribution.FromJson(
            "{\"name\": \"LogUniformDistribution\", \"attributes\": {\"low\": 1e-05, \"high\": 0.1}}"
        );
        Assert.True(legacy.Log);
        Assert.Equal(1e-5, legacy.Low);
        Assert.Equal(
            3L,
            Distribution
                .FromJson(
                    "{\"name\": \"IntUniformDistribution\", \"attributes\": {\"low\": 0, \"high\": 9, \"step\": 3}}"
                )
                .Step
        );
    }

    [Fact]
    public void AttributesDumpLikePythonJson()
    {
        var node = new JsonObject
        {
            ["failed_trial"] = 3,
            ["retry_history"] = new JsonArray(3, 7),
            ["x"] = 1.0,
            ["s"] = "héllo \"q\"\n",
            ["n"] = null,
            ["b"] = true,
        };
        Assert.Equal(
            "{\"failed_trial\": 3, \"retry_history\": [3, 7], \"x\": 1.0, "
                + "\"s\": \"h\\u00e9llo \\\"q\\\"\\n\", \"n\": null, \"b\": true}",
            PyJson.Dumps(node)
        );
        Assert.Equal("{\"a\": 1, \"b\": 2.5e-07}", PyJson.Dumps(JsonNode.Parse("{\"a\":1,\"b\":2.5E-7}")));
    }
}
