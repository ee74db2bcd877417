using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;

namespace SessionGen.AspNetCore.Tests;

public sealed record Posted(string Author, string Text);

public sealed record Whispered(string Text);

/// <summary>
/// A process whose handlers know their caller: anyone may read, only a signed-in caller may post (its name is the
/// caller's, never the body's), only a moderator may pin.
/// </summary>
[SessionProcess("Http.Forum")]
public partial class Forum
{
    private int posts;

    /// <summary>Anyone may open a forum; the answer says who the starter's handler saw.</summary>
    [On("Open", StartsSession = true)]
    private string Open(SessionCaller? owner) => owner?.Id ?? "(anonymous)";

    [On("Post")]
    private string Post(string text, SessionCaller caller)
    {
        posts++;
        Emit(new Posted(caller.Id, text));
        EmitTo(caller.Id, new Whispered($"you posted '{text}'"));
        return caller.Id;
    }

    [On("WhoAmI")]
    private string WhoAmI(SessionCaller? caller) => caller?.Id ?? "(anonymous)";

    [On("Count")]
    private int Count() => posts;

    [On("Pin")]
    [Authorize(Policy = SignedInServer.ModeratorPolicy)]
    private void Pin(string text, SessionCaller caller) => Emit(new Posted(caller.Id, "pinned: " + text));
}

/// <summary>A process only signed-in users reach (<c>[Authorize]</c> on the class), but for one operation.</summary>
[SessionProcess("Http.Vault")]
[Authorize]
public partial class Vault
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Peek")]
    private string Peek(SessionCaller caller) => "secret for " + caller.Id;

    [On("Hours")]
    [AllowAnonymous]
    private string Hours() => "9 to 5";
}

/// <summary>Two starters with different authorization: the one start endpoint requires what both do.</summary>
[SessionProcess("Http.Club")]
public partial class Club
{
    [On("Found", StartsSession = true)]
    [Authorize(Policy = SignedInServer.ModeratorPolicy)]
    private string Found(SessionCaller caller) => caller.Id;

    [On("Visit", StartsSession = true)]
    [AllowAnonymous]
    private string Visit() => "visitor";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(Posted))]
[JsonSerializable(typeof(Whispered))]
internal sealed partial class ForumJson : JsonSerializerContext;
