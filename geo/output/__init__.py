"""The outputs: GeoJSON (:mod:`.geojson`), GeoPackage, CSV and QGIS styles (:mod:`.gis`), the web
map (:mod:`.webmap`, its controls in :mod:`.mapcontrols`, its offline basemap in :mod:`.basemap`),
and what a newsroom publishes (:mod:`.embed`)."""
