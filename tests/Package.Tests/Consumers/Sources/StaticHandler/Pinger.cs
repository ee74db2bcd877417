using SessionGen;

namespace StaticHandlerApp;

[SessionProcess]
public partial class Pinger
{
    [On("Start", StartsSession = true)]
    private void Start()
    {
    }

    [On("Ping")]
    private static void Ping() // SGEN0011: handlers run on the session's instance
    {
    }
}
