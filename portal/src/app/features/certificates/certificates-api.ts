import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { fileNameFromDisposition } from '../../shared/browser/save-file';
import { Certificate, CertificateUpload, parseCertificate, parseCertificateList } from './certificate';

export interface DownloadedFile {
  readonly blob: Blob;
  readonly fileName: string;
}

const installationPath = (installationId: string) => `/api/installations/${encodeURIComponent(installationId)}/certificates`;
const clientPath = (clientName: string) => `/api/clients/${encodeURIComponent(clientName)}/certificates`;

@Injectable({ providedIn: 'root' })
export class CertificatesApi {
  private readonly http = inject(HttpClient);

  listForInstallation(installationId: string): Observable<readonly Certificate[]> {
    return this.http.get<unknown>(installationPath(installationId)).pipe(map(parseCertificateList));
  }

  upload(installationId: string, upload: CertificateUpload): Observable<Certificate> {
    return this.http.post<unknown>(installationPath(installationId), upload).pipe(map((body) => parseCertificate(body)));
  }

  remove(installationId: string, certificateId: string): Observable<void> {
    return this.http
      .delete<unknown>(`${installationPath(installationId)}/${encodeURIComponent(certificateId)}`)
      .pipe(map(() => undefined));
  }

  listForClient(clientName: string): Observable<readonly Certificate[]> {
    return this.http.get<unknown>(clientPath(clientName)).pipe(map(parseCertificateList));
  }

  /**
   * The certificates of the client's installation, attached or not, for whoever manages the
   * client's certificates (they need no role on the installation itself).
   */
  listAttachable(clientName: string): Observable<readonly Certificate[]> {
    return this.http
      .get<unknown>(`/api/clients/${encodeURIComponent(clientName)}/attachable-certificates`)
      .pipe(map(parseCertificateList));
  }

  attach(clientName: string, certificateId: string): Observable<void> {
    return this.http
      .put<unknown>(`${clientPath(clientName)}/${encodeURIComponent(certificateId)}`, null)
      .pipe(map(() => undefined));
  }

  detach(clientName: string, certificateId: string): Observable<void> {
    return this.http
      .delete<unknown>(`${clientPath(clientName)}/${encodeURIComponent(certificateId)}`)
      .pipe(map(() => undefined));
  }

  /** The certificate with its private key as a PKCS#12 file protected by `password`. */
  downloadPkcs12(clientName: string, certificateId: string, password: string): Observable<DownloadedFile> {
    return this.http
      .post(`${clientPath(clientName)}/${encodeURIComponent(certificateId)}/pkcs12`, { password }, {
        observe: 'response',
        responseType: 'blob',
      })
      .pipe(
        map((response) => ({
          blob: response.body ?? new Blob([], { type: 'application/x-pkcs12' }),
          fileName: fileNameFromDisposition(response.headers.get('Content-Disposition'), 'certificate.pfx'),
        })),
      );
  }
}
