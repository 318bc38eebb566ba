using Xunit;

namespace TfLessons.Search.Tests;

public sealed class SpaceTests
{
    internal static SearchSpace Full() =>
        SpaceParser.Parse([
            "lr=log:1e-4:1",
            "beta=oneminuslog:0.9:0.999",
            "hidden=int:5:50",
            "opt=cat:adam,momentum,gd",
            "batch=pow2:16:256",
            "dropout=uniform:0:0.5",
        ]);

    [Fact]
    public void ParsesEveryKindFromCommandLineStrings()
    {
        var space = Full();
        Assert.Equal(["lr", "beta", "hidden", "opt", "batch", "dropout"], space.Select(p => p.Name));
        Assert.Equal(
            [
                ParamKind.Log,
                ParamKind.OneMinusLog,
                ParamKind.Int,
                ParamKind.Categorical,
                ParamKind.Pow2,
                ParamKind.Uniform,
            ],
            space.Select(p => p.Kind)
        );
        Assert.Equal(1e-4, space[0].Low);
        Assert.Equal(0.999, space[1].High);
        Assert.Equal(["adam", "momentum", "gd"], space[3].Choices);
        Assert.Equal(
            "lr=log:0.0001:1 beta=oneminuslog:0.9:0.999 hidden=int:5:50 "
                + "opt=cat:adam,momentum,gd batch=pow2:16:256 dropout=uniform:0:0.5",
            space.ToString()
        );
    }

    [Fact]
    public void FluentBuilderMatchesParser()
    {
        var built = new SearchSpace().Log("lr", 1e-4, 1).OneMinusLog("beta", 0.9, 0.999).Int("hidden", 5, 50)
            .Categorical("opt", "adam", "momentum", "gd").Pow2("batch", 16, 256).Uniform("dropout", 0, 0.5);
        Assert.Equal(Full().ToString(), built.ToString());
    }

    [Fact]
    public void IntStepSnapsHighOntoTheGridLikeOptuna()
    {
        var p = SpaceParser.ParseOne("units=int:10:105:10");
        Assert.Equal(100, p.High);
        Assert.Equal(10, p.Step);
        Assert.Equal(
            "{\"name\": \"IntDistribution\", \"attributes\": {\"log\": "
                + "false, \"step\": 10, \"low\": 10, \"high\": 100}}",
            p.ToDistribution().ToJson()
        );
    }

    [Fact]
    public void JsonFileFormsAreAccepted()
    {
        var fromObject = SpaceParser.ParseJson("""
            {"lr": "log:1e-4:1", "beta": {"kind": "oneminuslog", "low": 0.9, "high": 0.999},
             "hidden": {"kind": "int", "low": 5, "high": 50},
             "opt": {"kind": "cat", "choices": ["adam", "momentum", "gd"]},
             "batch": "pow2:16:256", "dropout": {"kind": "uniform", "low": "0", "high": 0.5}}
            """);
        Assert.Equal(Full().ToString(), fromObject.ToString());
        var fromArray = SpaceParser.ParseJson(
            """
            ["lr=log:1e-4:1", "beta=oneminuslog:0.9:0.999", "hidden=int:5:50", "opt=cat:adam,momentum,gd",
             "batch=pow2:16:256", "dropout=uniform:0:0.5"]
            """
        );
        Assert.Equal(Full().ToString(), fromArray.ToString());
        Assert.Equal(Full().ToString(), SpaceParser.ParseJson(Full().ToJson().ToJsonString()).ToString());
    }

    [Theory]
    [InlineData("lr=gaussian:0:1", "lr", "unknown kind 'gaussian'")]
    [InlineData("hidden=int:50:5", "hidden", "low must not exceed high")]
    [InlineData("dropout=uniform:0.5:0.1", "dropout", "low must not exceed high")]
    [InlineData("lr=log:0:1", "lr", "log range needs positive bounds")]
    [InlineData("lr=log:-1e-3:1", "lr", "log range needs positive bounds")]
    [InlineData("beta=oneminuslog:0.9:1", "beta", "strictly inside (0, 1)")]
    [InlineData("beta=oneminuslog:0:0.99", "beta", "strictly inside (0, 1)")]
    [InlineData("beta=oneminuslog:0.9:1.5", "beta", "strictly inside (0, 1)")]
    [InlineData("opt=cat:", "opt", "at least one choice")]
    [InlineData("opt=cat", "opt", "at least one choice")]
    [InlineData("opt=cat:adam,,gd", "opt", "non-empty")]
    [InlineData("lr=log:abc:1", "lr", "'abc' is not a number")]
    [InlineData("lr=log:1e-4", "lr", "expects low:high")]
    [InlineData("batch=pow2:0:256", "batch", "integers >= 1")]
    [InlineData("batch=pow2:33:60", "batch", "no power of two")]
    [InlineData("hidden=int:5:50:0", "hidden", "positive integer")]
    [InlineData("hidden=int:5.5:50", "hidden", "must be integers")]
    [InlineData("lr", "lr", "expected name=kind:args")]
    public void BadInputNamesTheParameter(string spec, string parameter, string message)
    {
        var e = Assert.Throws<SearchSpaceException>(() => SpaceParser.ParseOne(spec));
        Assert.Equal(parameter, e.Parameter);
        Assert.Contains($"'{parameter}'", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void DuplicateNamesAndBadJsonAreRejected()
    {
        Assert.Contains(
            "declared twice",
            Assert.Throws<SearchSpaceException>(() => SpaceParser.Parse(["lr=log:1e-4:1", "lr=uniform:0:1"])).Message
        );
        var e = Assert.Throws<SearchSpaceException>(() =>
            SpaceParser.ParseJson("""{"beta": {"kind": "oneminuslog", "low": 0.9, "high": 1.0}}""")
        );
        Assert.Equal("beta", e.Parameter);
        Assert.Equal(
            "opt",
            Assert
                .Throws<SearchSpaceException>(() =>
                    SpaceParser.ParseJson("""{"opt": {"kind": "cat", "choices": []}}""")
                )
                .Parameter
        );
        Assert.Equal(
            "x",
            Assert.Throws<SearchSpaceException>(() => SpaceParser.ParseJson("""{"x": {"low": 1}}""")).Parameter
        );
        Assert.Throws<FormatException>(() => SpaceParser.ParseJson("{not json"));
    }

    [Fact]
    public void CoordinatesRoundTrip()
    {
        var space = Full();
        Assert.Equal(-4, space[0].CoordLow, 12);
        Assert.Equal(0, space[0].CoordHigh, 12);
        Assert.Equal(-3, space[1].CoordLow, 9); // log10(1 - 0.999)
        Assert.Equal(-1, space[1].CoordHigh, 9); // log10(1 - 0.9)
        Assert.Equal(0.99, space[1].FromCoord(-2), 12);
        Assert.Equal(4, space[4].CoordLow);
        Assert.Equal(8, space[4].CoordHigh);
        Assert.Equal(64, space[4].FromCoord(6.2));
        Assert.Equal(23, space[2].FromCoord(23.4));
    }
}
