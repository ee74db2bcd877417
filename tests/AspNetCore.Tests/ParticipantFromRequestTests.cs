using System.Text.Json;

namespace SessionGen.AspNetCore.Tests;

/// <summary>The notebook server of an application without authentication that lets requests name their participant (unsafe, opted into).</summary>
public sealed class ParticipantFromRequestServer : NotebookServer
{
    protected override void ConfigureEndpoints(SessionHttpOptions options) => options.AllowParticipantFromRequest = true;
}

/// <summary>
/// <see cref="SessionHttpOptions.AllowParticipantFromRequest"/>: an anonymous request names its participant,
/// <c>?participant=</c> on the event stream.
/// </summary>
public sealed class ParticipantFromRequestTests(ParticipantFromRequestServer server) : IClassFixture<ParticipantFromRequestServer>
{
    [Fact]
    public async Task A_participant_stream_gets_its_own_events_and_everyones_but_not_another_participants()
    {
        string id = await server.OpenAsync();
        await using ServerSentEvents ann = await ServerSentEvents.OpenAsync(server.Client, $"/notebooks/{id}/events?participant=ann");

        using (await server.SendAsync(id, "Whisper", """{"to":"bob","text":"for bob"}"""))
        using (await server.SendAsync(id, "Whisper", """{"to":"ann","text":"for ann"}"""))
        using (await server.SendAsync(id, "Note", """{"text":"n9","number":9}"""))
        {
        }

        ServerSentEvents.Event whisper = (await ann.ReadAsync())!;
        ServerSentEvents.Event note = (await ann.ReadAsync())!;
        Assert.Equal(("2", "for ann"), (whisper.Id, JsonDocument.Parse(whisper.Data).RootElement.GetProperty("text").GetString()));
        Assert.Equal("3", note.Id);
    }

    [Fact]
    public async Task A_post_comes_from_the_participant_its_header_or_query_names_and_without_one_from_nobody()
    {
        string id = await server.OpenAsync();
        using var byHeader = new HttpRequestMessage(HttpMethod.Post, $"/notebooks/{id}/Signature") { Content = NotebookServer.Json("{}") };
        byHeader.Headers.Add("SessionGen-Participant", "ann");

        using HttpResponseMessage header = await server.Client.SendAsync(byHeader);
        using HttpResponseMessage query = await server.Client.PostAsync($"/notebooks/{id}/Signature?participant=bob", NotebookServer.Json("{}"));
        using HttpResponseMessage none = await server.SendAsync(id, "Signature", "{}");

        Assert.Equal("\"ann\"", await header.Content.ReadAsStringAsync());
        Assert.Equal("\"bob\"", await query.Content.ReadAsStringAsync());
        Assert.Equal("\"(anonymous)\"", await none.Content.ReadAsStringAsync());
    }
}
