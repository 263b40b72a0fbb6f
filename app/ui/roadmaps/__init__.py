"""The «Дорожные карты» page: roadmaps with sections and events, their monitoring, import and exports."""
