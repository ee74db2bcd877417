using ChatRoom;

// dotnet run --project samples/ChatRoom, then open the address it prints in several browser tabs.
ChatRoomApp.Build(args).Run();
