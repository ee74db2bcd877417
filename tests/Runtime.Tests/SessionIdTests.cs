namespace SessionGen.Runtime.Tests;

public sealed class SessionIdTests
{
    [Fact]
    public void A_new_id_is_32_lowercase_hex_digits_and_reads_back_as_the_same_id()
    {
        SessionId id = SessionId.New();
        var readBack = new SessionId(id.ToString());

        Assert.Matches("^[0-9a-f]{32}$", id.Value);
        Assert.Equal(id, readBack);
        Assert.True(id == readBack);
        Assert.Equal(id.GetHashCode(), readBack.GetHashCode());
        Assert.Equal(id.Value, readBack.Value);
    }

    [Fact]
    public void Ids_are_compared_by_their_exact_text()
    {
        var lower = new SessionId("0123456789abcdef0123456789abcdef");
        var upper = new SessionId("0123456789ABCDEF0123456789ABCDEF");
        var name = new SessionId("design-review");

        Assert.NotEqual(lower, upper);
        Assert.Equal("0123456789ABCDEF0123456789ABCDEF", upper.Value);
        Assert.Equal("0123456789abcdef0123456789abcdef", lower.Value);
        Assert.Equal(new SessionId("design-review"), name);
        Assert.NotEqual(name, lower);
        Assert.NotEqual(default, name);
        Assert.Equal("", default(SessionId).Value);
        Assert.Equal(default(SessionId), default);
    }

    [Fact]
    public void New_ids_do_not_repeat()
    {
        var ids = new HashSet<SessionId>();
        for (int i = 0; i < 10_000; i++)
        {
            Assert.True(ids.Add(SessionId.New()));
        }
    }

    [Fact]
    public async Task A_session_is_found_by_the_text_of_its_id()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Processes.Tally.Client tally = await Processes.Tally.StartAsync(host);

        Processes.Tally.Client again = Processes.Tally.Connect(host, new SessionId(tally.Id.Value));

        Assert.True(host.Contains(new SessionId(tally.Id.ToString())));
        Assert.Equal(1, await again.AddAsync(7).Guarded());
    }
}
