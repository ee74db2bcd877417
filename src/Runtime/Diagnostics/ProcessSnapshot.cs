namespace SessionGen;

/// <summary>
/// One process with sessions in memory on a host, as <see cref="SessionHost.InspectProcesses"/> saw it: how many, and
/// its protocol (states and the generated Mermaid diagram), for tools such as the SessionGen dashboard.
/// </summary>
public sealed class ProcessSnapshot
{
    internal ProcessSnapshot(string process, int sessions, IReadOnlyList<string> states, string? protocolDiagram)
    {
        Process = process;
        Sessions = sessions;
        States = states;
        ProtocolDiagram = protocolDiagram;
    }

    /// <summary>The process's protocol name.</summary>
    public string Process { get; }

    /// <summary>How many of its sessions are in memory.</summary>
    public int Sessions { get; }

    /// <summary>Its protocol states in declaration order (the first is the initial one); empty when it declares none.</summary>
    public IReadOnlyList<string> States { get; }

    /// <summary>Its protocol as a Mermaid <c>stateDiagram-v2</c> (the generated <c>ProtocolDiagram</c>); null when it declares no states.</summary>
    public string? ProtocolDiagram { get; }
}
