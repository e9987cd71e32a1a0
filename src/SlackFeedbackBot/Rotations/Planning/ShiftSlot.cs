namespace SlackFeedbackBot.Rotations.Planning;

/// <summary>A place a shift can go: UTC instants plus the rotation-local day it belongs to.</summary>
internal readonly record struct ShiftSlot(DateTimeOffset Start, DateTimeOffset End, DateOnly LocalDate);
