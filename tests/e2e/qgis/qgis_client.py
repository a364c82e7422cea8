"""QGIS as the bureau's GIS staff use it, driven headless through PyQGIS.

Run by qgis.test.mjs with Debian's python3 (the one python3-qgis is for):
    qgis_client.py oapif LANDING_URL [SUBSET]
    qgis_client.py convert STYLE_URL
    qgis_client.py render TILE_URL STYLE_URL LON LAT HALF_WIDTH_M OUT.png
    qgis_client.py project PROJECT.qgs LON LAT HALF_WIDTH_M OUT.png
Each prints one JSON object: what QGIS saw. The test decides what is right.
"""
import json
import os
import shutil
import sys
import tempfile
import urllib.request

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsDataSourceUri,
                       QgsMapBoxGlStyleConversionContext, QgsMapBoxGlStyleConverter, QgsMapRendererSequentialJob,
                       QgsMapSettings, QgsPointXY, QgsProject, QgsRectangle, QgsVectorLayer, QgsVectorTileLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor


def oapif(landing_url, subset=None):
    """Adds the parcels as the "Add OGC API – Features layer" dialog does."""
    uri = QgsDataSourceUri()
    uri.setParam('url', landing_url)
    uri.setParam('typename', 'parcels')
    layer = QgsVectorLayer(uri.uri(False), 'parcels', 'OAPIF')
    result = {'valid': layer.isValid(), 'error': layer.dataProvider().error().message() if layer.dataProvider() else ''}
    if not layer.isValid():
        return result
    result['fields'] = [field.name() for field in layer.fields()]
    result['count'] = sum(1 for _ in layer.getFeatures())
    if subset:
        result['subset_accepted'] = layer.setSubsetString(subset)
        result['subset_codes'] = sorted(feature['code'] for feature in layer.getFeatures())
    return result


def convert(style_url):
    """What QGIS's MapLibre/Mapbox GL style converter says of the style."""
    with urllib.request.urlopen(style_url) as response:
        style = json.load(response)
    converter = QgsMapBoxGlStyleConverter()
    status = converter.convert(style, QgsMapBoxGlStyleConversionContext())
    return {'status': int(status), 'error': converter.errorMessage(), 'warnings': list(converter.warnings()),
            'styles': [style.styleName() for style in converter.renderer().styles()] if converter.renderer() else []}


def draw(layers, lon, lat, half_width_m, out):
    """Draws `layers` (top first) 512 × 512 pixels around lon, lat in Web Mercator."""
    mercator = QgsCoordinateReferenceSystem('EPSG:3857')
    to_mercator = QgsCoordinateTransform(QgsCoordinateReferenceSystem('EPSG:4326'), mercator, QgsProject.instance())
    centre = to_mercator.transform(QgsPointXY(lon, lat))
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(mercator)
    settings.setExtent(QgsRectangle(centre.x() - half_width_m, centre.y() - half_width_m,
                                    centre.x() + half_width_m, centre.y() + half_width_m))
    settings.setOutputSize(QSize(512, 512))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(out)
    return {'centre': centre_colour(image), 'errors': [error.message for error in job.errors()]}


def project(path, lon, lat, half_width_m, out):
    """Opens a project file as QGIS does and draws its layers as its layer tree orders them."""
    qgis_project = QgsProject.instance()
    result = {'read': qgis_project.read(path), 'error': qgis_project.error(), 'crs': qgis_project.crs().authid()}
    view = qgis_project.viewSettings().defaultViewExtent()
    to_wgs84 = QgsCoordinateTransform(view.crs(), QgsCoordinateReferenceSystem('EPSG:4326'), qgis_project)
    extent = to_wgs84.transformBoundingBox(view)
    result['view'] = [extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()]
    layers = [node.layer() for node in qgis_project.layerTreeRoot().findLayers() if node.isVisible()]
    result['layers'] = []
    for layer in layers:
        described = {'name': layer.name(), 'valid': layer.isValid(), 'provider': layer.providerType()}
        if layer.providerType() == 'OAPIF':
            described['count'] = sum(1 for _ in layer.getFeatures())
        else:
            described['styles'] = [style.styleName() for style in layer.renderer().styles()]
        result['layers'].append(described)
    result.update(draw(layers, lon, lat, half_width_m, out))
    return result


def render(tile_url, style_url, lon, lat, half_width_m, out):
    """A vector tile connection with the style URL, as QGIS's dialog makes it;
    draws 512 × 512 pixels around lon, lat and reads the colour most pixels
    of the 9 × 9 at the centre have (a label's stroke may cross one)."""
    uri = QgsDataSourceUri()
    uri.setParam('type', 'xyz')
    uri.setParam('url', tile_url)
    uri.setParam('zmin', '0')
    uri.setParam('zmax', '22')
    uri.setParam('styleUrl', style_url)
    layer = QgsVectorTileLayer(bytes(uri.encodedUri()).decode(), 'investmap')
    message, loaded = layer.loadDefaultStyle()
    return {'valid': layer.isValid(), 'style_loaded': loaded, 'style_message': message, **draw([layer], lon, lat, half_width_m, out)}


def centre_colour(image):
    counts = {}
    for x in range(252, 261):
        for y in range(252, 261):
            colour = QColor(image.pixel(x, y)).name()
            counts[colour] = counts.get(colour, 0) + 1
    return max(counts, key=counts.get)


def main():
    # QGIS keeps a profile and runtime files: in a directory of their own.
    scratch = tempfile.mkdtemp(prefix='investmap-qgis-')
    os.environ.setdefault('XDG_RUNTIME_DIR', scratch)
    application = QgsApplication([], False, os.path.join(scratch, 'profile'))
    application.initQgis()
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == 'oapif':
        result = oapif(*arguments)
    elif command == 'convert':
        result = convert(*arguments)
    elif command == 'project':
        result = project(arguments[0], float(arguments[1]), float(arguments[2]), float(arguments[3]), arguments[4])
    elif command == 'render':
        result = render(arguments[0], arguments[1], float(arguments[2]), float(arguments[3]), float(arguments[4]), arguments[5])
    else:
        raise SystemExit(f'unknown command {command}')
    print(json.dumps(result, ensure_ascii=False))
    application.exitQgis()
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == '__main__':
    main()
