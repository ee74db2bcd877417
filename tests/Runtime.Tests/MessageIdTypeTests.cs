namespace SessionGen.Runtime.Tests;

public sealed class MessageIdTypeTests
{
    [Fact]
    public void Ids_are_compared_by_their_exact_text()
    {
        var id = new MessageId("payment-1");

        Assert.Equal("payment-1", id.Value);
        Assert.Equal("payment-1", id.ToString());
        Assert.Equal(new MessageId("payment-1"), id);
        Assert.True(id == new MessageId("payment-1"));
        Assert.True(id != new MessageId("Payment-1"));
        Assert.Equal(new MessageId("payment-1").GetHashCode(), id.GetHashCode());
        Assert.NotEqual(default, id);
    }

    [Fact]
    public void An_id_needs_text_and_the_default_one_has_none()
    {
        Assert.Throws<ArgumentException>(() => new MessageId(""));
        Assert.Throws<ArgumentNullException>(() => new MessageId(null!));
        Assert.Equal("", default(MessageId).Value);
    }

    [Fact]
    public void New_ids_are_random_and_distinct()
    {
        MessageId first = MessageId.New();

        Assert.Matches("^[0-9a-f]{32}$", first.Value);
        Assert.NotEqual(first, MessageId.New());
    }

    [Fact]
    public void There_is_no_implicit_conversion_from_string_which_would_make_sending_by_name_ambiguous()
    {
        // With one, host.SendAsync(id, "Op", "text") would match both SendAsync(id, operation, message) and
        // SendAsync(id, message, messageId): UntypedSendTests, which makes that call, would stop compiling.
        Assert.DoesNotContain(typeof(MessageId).GetMethods(), method => method.Name is "op_Implicit" or "op_Explicit");
    }
}
