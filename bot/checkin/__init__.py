"""Check-ins: "Vad upptar min tid?" before each meeting, and the sammanställning."""
