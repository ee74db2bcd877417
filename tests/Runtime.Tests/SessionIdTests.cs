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

    // Ids are client-chosen (a URL, a starter's message): families a caller can pick must not pile into one
    // hash bucket of the host's session table. A random 32-bit hash of 40,000 ids collides about once; the
    // bound leaves room for bad luck, not for a family that shares hashes.
    [Theory]
    [InlineData("halves equal")]
    [InlineData("halves xor to a constant")]
    [InlineData("halves equal, small numbers")]
    [InlineData("halves swapped")]
    [InlineData("words of each half equal")]
    public void Chosen_families_of_ids_do_not_share_hash_codes(string family)
    {
        const int Count = 40_000;
        var hashes = new HashSet<int>();
        for (ulong i = 1; i <= Count; i++)
        {
            (ulong high, ulong low) = family switch
            {
                "halves equal" => (i * 0x9E3779B97F4A7C15, i * 0x9E3779B97F4A7C15),
                "halves xor to a constant" => (i << 20, (i << 20) ^ 0x5555_AAAA_0000_FFFF),
                "words of each half equal" => ((i << 32) | i, ((i * 7) << 32) | (i * 7)),
                "halves swapped" => i % 2 == 0 ? (i, ulong.MaxValue - i) : (ulong.MaxValue - i + 1, i - 1),
                _ => (i, i),
            };

            // The text form, as a client would send it: it must be kept as bits and hash like them.
            var id = new SessionId(high.ToString("x16") + low.ToString("x16"));
            hashes.Add(id.GetHashCode());
        }

        Assert.True(hashes.Count >= Count - 20, $"{family}: only {hashes.Count} distinct hash codes for {Count} ids");
    }

    [Fact]
    public void Equal_ids_have_equal_hash_codes_whichever_way_they_were_made()
    {
        SessionId made = SessionId.New();
        var parsed = new SessionId(made.Value);
        var sameHalves = new SessionId("00000000000000070000000000000007");
        var sameHalvesAgain = new SessionId(new string(sameHalves.Value.ToCharArray()));
        var name = new SessionId("design-review");
        var nameAgain = new SessionId(string.Concat("design-", "review"));

        Assert.Equal(made, parsed);
        Assert.Equal(made.GetHashCode(), parsed.GetHashCode());
        Assert.Equal(sameHalves, sameHalvesAgain);
        Assert.Equal(sameHalves.GetHashCode(), sameHalvesAgain.GetHashCode());
        Assert.Equal(name.GetHashCode(), nameAgain.GetHashCode());
        Assert.Equal(default(SessionId).GetHashCode(), default(SessionId).GetHashCode());
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
