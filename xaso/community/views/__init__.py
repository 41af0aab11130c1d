"""The community app's views, one module per audience: `public` (anyone), `staff` (commune
staff), `receivers` (loudspeaker receivers with a token)."""
