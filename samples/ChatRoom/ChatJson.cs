using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatRoom;

/// <summary>
/// Every type that crosses HTTP or is stored (the rooms' fields and events), for System.Text.Json without reflection (the
/// app is Native-AOT ready). The same contracts serve HTTP (ConfigureHttpJsonOptions) and the store (SessionHostOptions.SerializerOptions).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(JoinResult))]
[JsonSerializable(typeof(Welcome))]
[JsonSerializable(typeof(RoomView))]
[JsonSerializable(typeof(List<MessagePosted>))]
[JsonSerializable(typeof(MemberJoined))]
[JsonSerializable(typeof(MemberLeft))]
[JsonSerializable(typeof(MessagePosted))]
[JsonSerializable(typeof(RoomClosed))]
[JsonSerializable(typeof(LobbyRoom))]
[JsonSerializable(typeof(SignIn))]
internal sealed partial class ChatJson : JsonSerializerContext;
