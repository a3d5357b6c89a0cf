// aitune reads /proc and /sys and writes kernel settings: it runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
