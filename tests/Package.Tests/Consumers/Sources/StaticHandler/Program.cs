Console.WriteLine("This program must not build: Pinger.Ping is a static handler.");
