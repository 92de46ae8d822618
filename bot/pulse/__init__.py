"""After the meeting: "Vill ni träffas igen?" and its summary."""
