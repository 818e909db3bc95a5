<?xml version="1.0" encoding="UTF-8"?>
<!--
  jisuan.xsl: the sheet of 《经济补偿金计算表》 (lib/tuigong_comp.c),
  included by print.xsl (the numbered receipt, /print/jjbc, once the
  退工 is 结束) and tuigong.xsl (the draft, /tuigong/jisuan, any state).
  It reads the 退工's describe() facts: detail/field by label (姓名,
  身份证号, 退工原因, 退工日期, and those beginning with 经济补偿), unit,
  business and, on the receipt, receipt/@no, @code, @issued and
  verify/@url.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- One fact by its label. -->
  <xsl:template name="jjbc-fact">
    <xsl:param name="label"/>
    <xsl:value-of select="detail/field[@label = $label]"/>
  </xsl:template>

  <xsl:template name="jjbc-sheet">
    <article class="receipt jjbc-sheet">
      <p class="receipt-org"><xsl:call-template name="org"/></p>
      <h1 class="receipt-title">经济补偿金计算表</h1>
      <div class="receipt-meta">
        <span>业务顺序号: <span class="mono"><xsl:value-of select="business/@seq"/></span></span>
        <span>
          <xsl:text>回执编号: </xsl:text>
          <xsl:choose>
            <xsl:when test="receipt/@no != ''"><span class="mono"><xsl:value-of select="receipt/@no"/></span></xsl:when>
            <xsl:otherwise>草稿(未编号)</xsl:otherwise>
          </xsl:choose>
        </span>
      </div>
      <xsl:if test="not(receipt/@no != '')">
        <p class="receipt-void jjbc-draft" role="note">
          <xsl:text>草稿:业务</xsl:text>
          <xsl:value-of select="business/@state"/>
          <xsl:text>,本表供单位核对和作为附件上传;审核通过后可在业务打印中打印带回执编号的正式表。</xsl:text>
        </p>
      </xsl:if>
      <table class="grid receipt-grid">
        <colgroup><col class="c-label"/><col class="c-value"/><col class="c-label"/><col class="c-value"/></colgroup>
        <tbody>
          <tr>
            <th>单位名称</th>
            <td colspan="3"><xsl:value-of select="unit/@name"/></td>
          </tr>
          <tr>
            <th>统一社会信用代码</th>
            <td class="mono"><xsl:value-of select="unit/@uscc"/></td>
            <th>单位社保编号</th>
            <td class="mono"><xsl:value-of select="unit/@sb-code"/></td>
          </tr>
          <tr>
            <th>姓名</th>
            <td><xsl:call-template name="jjbc-fact"><xsl:with-param name="label">姓名</xsl:with-param></xsl:call-template></td>
            <th>身份证号</th>
            <td class="mono idno"><xsl:call-template name="jjbc-fact"><xsl:with-param name="label">身份证号</xsl:with-param></xsl:call-template></td>
          </tr>
          <tr>
            <th>退工原因</th>
            <td><xsl:call-template name="jjbc-fact"><xsl:with-param name="label">退工原因</xsl:with-param></xsl:call-template></td>
            <th>退工日期</th>
            <td><xsl:call-template name="jjbc-fact"><xsl:with-param name="label">退工日期</xsl:with-param></xsl:call-template></td>
          </tr>
          <xsl:if test="not(detail/field[starts-with(@label, '经济补偿')])">
            <tr>
              <th>经济补偿</th>
              <td colspan="3">本业务未计算经济补偿(批量退工,或本功能启用前保存的退工登记)。</td>
            </tr>
          </xsl:if>
          <xsl:for-each select="detail/field[starts-with(@label, '经济补偿') and @label != '经济补偿计算过程']">
            <tr class="jjbc-row">
              <th>
                <xsl:choose>
                  <xsl:when test="@label = '经济补偿'">经济补偿</xsl:when>
                  <xsl:otherwise><xsl:value-of select="substring-after(@label, '经济补偿')"/></xsl:otherwise>
                </xsl:choose>
              </th>
              <td colspan="3">
                <xsl:if test="@label = '经济补偿差额'"><xsl:attribute name="class">warn-note</xsl:attribute></xsl:if>
                <xsl:value-of select="."/>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <xsl:if test="detail/field[@label = '经济补偿计算过程']">
        <p class="receipt-note jjbc-working"><strong>计算过程:</strong><xsl:value-of select="detail/field[@label = '经济补偿计算过程']"/></p>
      </xsl:if>
      <div class="receipt-notes">
        <p class="receipt-notes-title">计算依据</p>
        <ol>
          <li>《劳动合同法》第四十七条:经济补偿按劳动者在本单位工作的年限,每满一年支付一个月工资;六个月以上不满一年的,按一年计算;不满六个月的,支付半个月工资。</li>
          <li>劳动者月工资高于本地区上年度职工月平均工资三倍的,按职工月平均工资三倍的数额支付,支付年限最高不超过十二年。月工资指劳动者在劳动合同解除或者终止前十二个月的平均工资。</li>
          <li>本表随支付凭证作为退工登记的附件材料。</li>
        </ol>
      </div>
      <xsl:if test="receipt/@code != ''">
        <xsl:call-template name="verify-box"/>
      </xsl:if>
      <div class="signature">
        <p>用人单位(盖章):</p>
        <p>劳动者(签字):</p>
        <p>日期:</p>
      </div>
    </article>
  </xsl:template>

</xsl:stylesheet>
