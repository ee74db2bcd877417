using System.Net;
using System.Text;
using static SessionGen.AspNetCore.Tests.ProblemAssert;
using static SessionGen.AspNetCore.Tests.SignedInServer;

namespace SessionGen.AspNetCore.Tests;

/// <summary>
/// A page on another site can make a signed-in user's browser post a form or plain text with the user's cookie and no
/// CORS preflight. Such a post, cookie and all, never reaches a session.
/// </summary>
public sealed class CrossSiteTests(SignedInServer server) : IClassFixture<SignedInServer>
{
    [Theory]
    [InlineData("application/x-www-form-urlencoded", "text=forged")]
    [InlineData("text/plain", """{"text":"forged"}""")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nforged\r\n--x--")]
    public async Task A_cross_site_form_or_text_post_with_the_users_cookie_is_415_and_never_reaches_the_handler(string contentType, string body)
    {
        HttpClient ann = await server.ClientFor("ann");
        string forum = await OpenAsync(ann, "/forums");

        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/forums/{forum}/Post") { Content = new StringContent(body, Encoding.UTF8) };
        forged.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        forged.Headers.Add("Origin", "https://evil.example");
        forged.Headers.Add("Sec-Fetch-Site", "cross-site");
        using HttpResponseMessage refused = await ann.SendAsync(forged);
        using HttpResponseMessage count = await ann.PostAsync($"/forums/{forum}/Count", Json("{}"));

        await AssertProblemAsync(refused, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("0", await count.Content.ReadAsStringAsync());
    }
}
