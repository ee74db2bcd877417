using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatRoom;

/// <summary>Every type that crosses HTTP, for System.Text.Json without reflection (the app is Native-AOT ready).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(JoinResult))]
[JsonSerializable(typeof(Welcome))]
[JsonSerializable(typeof(MemberJoined))]
[JsonSerializable(typeof(MemberLeft))]
[JsonSerializable(typeof(MessagePosted))]
[JsonSerializable(typeof(RoomClosed))]
[JsonSerializable(typeof(LobbyRoom))]
internal sealed partial class ChatJson : JsonSerializerContext;
