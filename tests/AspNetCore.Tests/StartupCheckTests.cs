using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace SessionGen.AspNetCore.Tests;

/// <summary>
/// What <c>MapSessionProcess</c> refuses at startup, before any request: a JSON setup that would treat some of the
/// process's types differently from what the application's context says, and a missing session host.
/// </summary>
public sealed class StartupCheckTests
{
    [Fact]
    public async Task A_default_web_app_whose_context_lacks_a_parameter_type_fails_at_startup_naming_the_type_and_the_context()
    {
        // As `dotnet new web` has it: web defaults with the reflection fallback, the app's context inserted in front.
        await using WebApplication app = Build(services => services.ConfigureHttpJsonOptions(
            options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, NotebookJsonWithoutMood.Default)));

        var refused = Assert.Throws<InvalidOperationException>(() => app.MapSessionProcess<Notebook>("/notebooks"));

        Assert.Contains("'Note' uses 'Mood?'", refused.Message);
        Assert.Contains("reflection", refused.Message);
        Assert.Contains("[JsonSerializable(typeof(Mood?))] to NotebookJsonWithoutMood", refused.Message);
        Assert.DoesNotContain("'string'", refused.Message); // built-in values read the same either way
    }

    [Fact]
    public async Task Options_given_to_the_endpoints_are_checked_the_same_way()
    {
        await using WebApplication app = Build();
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        json.TypeInfoResolverChain.Insert(0, NotebookJsonWithoutMood.Default);

        var refused = Assert.Throws<InvalidOperationException>(
            () => app.MapSessionProcess<Notebook>("/notebooks", options => options.SerializerOptions = json));

        Assert.Contains("Mood?", refused.Message);
    }

    [Fact]
    public async Task A_context_that_covers_every_type_passes_with_the_reflection_fallback_still_in_the_chain()
    {
        await using WebApplication app = Build(services => services.ConfigureHttpJsonOptions(
            options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, NotebookJson.Default)));

        app.MapSessionProcess<Notebook>("/notebooks");
    }

    [Fact]
    public async Task An_app_without_any_context_is_a_reflection_app_and_passes()
    {
        await using WebApplication app = Build();
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

        app.MapSessionProcess<Notebook>("/notebooks", options => options.SerializerOptions = json);
    }

    [Fact]
    public async Task Forgetting_AddSessionGen_fails_at_startup_naming_the_call()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, NotebookJson.Default));
        await using WebApplication app = builder.Build();

        var refused = Assert.Throws<InvalidOperationException>(() => app.MapSessionProcess<Notebook>("/notebooks"));

        Assert.Contains("builder.Services.AddSessionGen()", refused.Message);
        Assert.Contains("MapSessionProcess<Notebook>", refused.Message);
    }

    [Fact]
    public async Task Another_registered_session_host_is_enough()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton<ISessionHost>(_ => new OtherHostEndpointTests.CountingHost(new SessionHost()));
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, NotebookJson.Default));
        await using WebApplication app = builder.Build();

        app.MapSessionProcess<Notebook>("/notebooks");
    }

    private static WebApplication Build(Action<IServiceCollection>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSessionGen();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}

/// <summary>The notebook's context with the enum parameter forgotten: what a newcomer's context looks like.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Noted))]
internal sealed partial class NotebookJsonWithoutMood : JsonSerializerContext;
