using System.Text.Json;

namespace SessionGen;

/// <summary>
/// The payload of an event a durable session emitted before it was last loaded (after a restart, or passivation):
/// the store keeps an event's JSON and its type's name, not the object, so a subscriber that resumes from before the
/// reload receives these for the older events (and the emitted objects for newer ones). The HTTP event stream writes
/// them exactly as it wrote the original (<c>event:</c> the type's name, <c>data:</c> the JSON).
/// </summary>
/// <param name="Type">The emitted object's type name (<see cref="System.Reflection.MemberInfo.Name"/>).</param>
/// <param name="Data">The emitted object as JSON, written with <see cref="SessionHostOptions.SerializerOptions"/>.</param>
public sealed record RestoredEvent(string Type, JsonElement Data);
