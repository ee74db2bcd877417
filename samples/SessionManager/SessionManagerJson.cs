using System.Text.Json.Serialization;

namespace SessionManagerSample;

/// <summary>
/// How a durable <see cref="SessionManager"/> is stored: its fields, its events and the results of <c>Join</c> (kept
/// with each message id), as System.Text.Json source-generated contracts, so that the Native AOT binary needs no
/// reflection. Give it as <c>SessionHostOptions.SerializerOptions</c> (see <see cref="SessionManagerHost"/>).
/// </summary>
[JsonSerializable(typeof(HashSet<string>))]
[JsonSerializable(typeof(ParticipantJoined))]
[JsonSerializable(typeof(ParticipantLeft))]
[JsonSerializable(typeof(SessionError))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(JoinResult))]
public sealed partial class SessionManagerJson : JsonSerializerContext;
